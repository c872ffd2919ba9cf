package dev.atrium.plugin.runtime.bytecode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * What a plugin's bytecode uses of the {@link ForbiddenApis}: its own classes ({@code classes/} of
 * the archive, or a compiler's output folder) and each library jar under {@code lib/}, with the
 * jar's SHA-256 so an operator can allow exactly that file; plus warnings for libraries that pack
 * the SDK or Vert.x (the host's copy is used, the packed one is dead weight).
 */
public record PluginCode(List<ApiUse> ownUses, List<Library> libraries, List<String> warnings) {
  /** Package folders whose classes the host always provides. */
  private static final List<String> PROVIDED =
      List.of("dev/atrium/plugin/api/", "io/vertx/core/", "io/vertx/ext/web/");

  /** A library jar of the archive and what it uses. */
  public record Library(String name, String sha256, List<ApiUse> uses) {
    public Library {
      uses = List.copyOf(uses);
    }
  }

  public PluginCode {
    ownUses = List.copyOf(ownUses);
    libraries = List.copyOf(libraries);
    warnings = List.copyOf(warnings);
  }

  /** Scans a plugin archive: {@code classes/**.class} and every {@code lib/**.jar}. */
  public static PluginCode ofArchive(Path archive) {
    Scan scan = new Scan();
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        if (entry.isDirectory()) {
          continue;
        }
        if (name.startsWith("classes/") && name.endsWith(".class")) {
          try (InputStream in = zip.getInputStream(entry)) {
            scan.ownClass(name.substring("classes/".length()), in.readAllBytes());
          }
        } else if (name.startsWith("lib/")
            && name.toLowerCase(java.util.Locale.ROOT).endsWith(".jar")) {
          // PF4J puts every lib/**.jar on the class path, in any letter case.
          try (InputStream in = zip.getInputStream(entry)) {
            scan.library(name, in.readAllBytes());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read plugin archive " + archive, e);
    }
    return scan.result();
  }

  /** Scans a folder of compiled classes (a plugin's {@code target/classes}). */
  public static PluginCode ofClasses(Path classesDir) {
    Scan scan = new Scan();
    try (Stream<Path> files = Files.walk(classesDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
        String name = classesDir.relativize(file).toString().replace('\\', '/');
        scan.ownClass(name, Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + classesDir, e);
    }
    return scan.result();
  }

  /** The accumulating scan of one archive. */
  private static final class Scan {
    private final List<ApiUse> own = new ArrayList<>();
    private final List<Library> libraries = new ArrayList<>();
    private final Set<String> warnings = new LinkedHashSet<>();

    void ownClass(String path, byte[] bytes) {
      warnIfProvided(path, "classes/");
      own.addAll(classUses(path, bytes));
    }

    void library(String name, byte[] jar) {
      List<ApiUse> uses = new ArrayList<>();
      try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
        for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
          String path = entry.getName();
          if (entry.isDirectory() || !path.endsWith(".class")) {
            continue;
          }
          warnIfProvided(path, name);
          uses.addAll(classUses(path, in.readAllBytes()));
        }
      } catch (IOException e) {
        throw new ForbiddenApiException(
            "unreadable_library", "The library " + name + " is not a readable jar.");
      }
      libraries.add(new Library(name, sha256(jar), uses));
    }

    private void warnIfProvided(String path, String where) {
      String stripped = path.startsWith("META-INF/versions/") ? "" : path;
      for (String provided : PROVIDED) {
        if (stripped.startsWith(provided)) {
          warnings.add(
              where
                  + " packs "
                  + provided.replace('/', '.')
                  + "* classes: the server always uses its own copy, so the packed one is never"
                  + " loaded; declare that dependency with <scope>provided</scope>.");
        }
      }
    }

    PluginCode result() {
      return new PluginCode(own, libraries, new ArrayList<>(warnings));
    }
  }

  private static List<ApiUse> classUses(String path, byte[] bytes) {
    if (path.equals("module-info.class") || path.endsWith("/module-info.class")) {
      return List.of();
    }
    try {
      return ClassScanner.scan(bytes);
    } catch (RuntimeException e) {
      throw new ForbiddenApiException(
          "unreadable_class", "The class file " + path + " cannot be read: " + e.getMessage());
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
