package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A plugin archive that passed every check: a zip of at most the configured size (also once
 * uncompressed), with no entry escaping its folder, holding a valid {@code plugin.properties} at
 * its root, classes under {@code classes/} and dependency jars under {@code lib/} (PF4J's layout).
 */
public final class PluginArchive {
  /** Uncompressed content may be this many times the archive limit (beyond that: a zip bomb). */
  private static final int MAX_EXPANSION = 4;

  private static final int MAX_DESCRIPTOR_BYTES = 64 * 1024;

  private final Path file;
  private final PluginManifest manifest;

  private PluginArchive(Path file, PluginManifest manifest) {
    this.file = file;
    this.manifest = manifest;
  }

  /** Checks {@code file}; refuses it with a {@link PluginRefusedException} naming the rule. */
  public static PluginArchive check(Path file, long maxBytes) {
    requireNonNull(file, "file is null");
    if (size(file) > maxBytes) {
      throw tooLarge(maxBytes);
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      long expanded = 0;
      Set<Path> files = new HashSet<>();
      Set<Path> folders = new HashSet<>();
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        checkName(entry.getName());
        checkPlace(entry, files, folders);
        expanded += inflate(zip, entry, maxBytes * MAX_EXPANSION - expanded, maxBytes);
      }
      return new PluginArchive(file, PluginManifest.parse(descriptor(zip)));
    } catch (IOException e) {
      // The file is there (its size was just read): what fails is reading it as a zip, and not
      // only with a ZipException (a truncated central directory is an EOFException).
      throw new PluginRefusedException(
          "not_a_zip", "The archive is not a zip file (build it with the plugin's assembly).");
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read plugin archive " + file, e);
    }
  }

  public PluginManifest manifest() {
    return manifest;
  }

  public Path file() {
    return file;
  }

  /** Unpacks the archive into {@code dir}, which must not exist yet. */
  public void extractTo(Path dir) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Files.createDirectories(dir);
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        Path target = dir.resolve(entry.getName()).normalize();
        if (!target.startsWith(dir)) {
          throw unsafe(entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, target);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack plugin archive " + file, e);
    }
  }

  /**
   * Reads {@code entry} through, so a corrupt or truncated entry is refused now rather than failing
   * the unpacking later, and returns its real size: the expansion limit counts what inflating
   * produces, not the sizes the archive claims.
   */
  private static long inflate(ZipFile zip, ZipEntry entry, long budget, long maxBytes) {
    long size = 0;
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        size += n;
        if (size > budget) {
          throw tooLarge(maxBytes);
        }
      }
    } catch (IOException e) {
      throw new PluginRefusedException(
          "not_a_zip", "The archive entry '" + entry.getName() + "' is corrupt or truncated.");
    }
    return size;
  }

  /**
   * Each file once, and no path both a file and a folder ({@code classes/a} and {@code
   * classes/a/b}, or a file named {@code .}): such entries cannot all be unpacked.
   */
  private static void checkPlace(ZipEntry entry, Set<Path> files, Set<Path> folders) {
    Path path = Path.of(entry.getName()).normalize();
    boolean clash =
        entry.isDirectory()
            ? files.contains(path)
            : path.toString().isEmpty() || folders.contains(path) || !files.add(path);
    for (Path parent = path.getParent(); parent != null; parent = parent.getParent()) {
      clash |= files.contains(parent);
      folders.add(parent);
    }
    if (entry.isDirectory()) {
      folders.add(path);
    }
    if (clash) {
      throw new PluginRefusedException(
          "unsafe_path",
          "The archive entry '" + entry.getName() + "' clashes with another entry's path.");
    }
  }

  private static Properties descriptor(ZipFile zip) throws IOException {
    ZipEntry entry = zip.getEntry(PluginManifest.FILE);
    if (entry == null || entry.isDirectory()) {
      throw new PluginRefusedException(
          "missing_descriptor", "The archive has no " + PluginManifest.FILE + " at its root.");
    }
    Properties properties = new Properties();
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] bytes = in.readNBytes(MAX_DESCRIPTOR_BYTES + 1);
      if (bytes.length > MAX_DESCRIPTOR_BYTES) {
        throw new PluginRefusedException(
            "invalid_descriptor",
            PluginManifest.FILE + " is larger than " + MAX_DESCRIPTOR_BYTES + " bytes.");
      }
      properties.load(new StringReader(decode(bytes)));
    } catch (IllegalArgumentException e) {
      throw new PluginRefusedException(
          "invalid_descriptor", PluginManifest.FILE + " is not a valid properties file.");
    }
    return properties;
  }

  /**
   * UTF-8 (so translations such as {@code plugin.name.zh} can be written as they read), or
   * ISO-8859-1, the properties format's historical encoding, when the bytes are not UTF-8.
   */
  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  /** Entry names must be relative, use '/', and stay inside the plugin's folder. */
  private static void checkName(String name) {
    Path root = Path.of("/plugin");
    if (name.isEmpty()
        || name.startsWith("/")
        || name.contains("\\")
        || name.contains(":")
        || name.indexOf('\0') >= 0
        || !root.resolve(name).normalize().startsWith(root)
        || name.equals("..")
        || name.startsWith("../")
        || name.contains("/../")) {
      throw unsafe(name);
    }
  }

  private static PluginRefusedException unsafe(String name) {
    return new PluginRefusedException(
        "unsafe_path",
        "The archive entry '" + name + "' would be written outside the plugin's folder.");
  }

  private static PluginRefusedException tooLarge(long maxBytes) {
    return new PluginRefusedException(
        "archive_too_large",
        "The archive is larger than plugins.max-archive-bytes ("
            + maxBytes
            + " bytes), compressed or not.");
  }
}
