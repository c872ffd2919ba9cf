package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes plugin archives in the layout {@link PluginArchive} reads ({@code plugin.properties},
 * {@code classes/}, {@code lib/}): for tests, the testkit and tools. Entries are written in the
 * order added; any entry name is accepted, so tests can craft unsafe archives too.
 */
public final class PluginArchiveBuilder {
  private final Map<String, byte[]> entries = new LinkedHashMap<>();

  /** {@code plugin.properties} with the given id, version, class and {@code requires}. */
  public PluginArchiveBuilder descriptor(
      String id, String version, String pluginClass, String requires) {
    Properties p = new Properties();
    p.setProperty("plugin.id", id);
    p.setProperty("plugin.version", version);
    p.setProperty("plugin.class", pluginClass);
    p.setProperty("plugin.requires", requires);
    p.setProperty("plugin.provider", "Atrium tests");
    p.setProperty("plugin.description", "Plugin " + id);
    p.setProperty("plugin.license", "Apache-2.0");
    return descriptor(p);
  }

  public PluginArchiveBuilder descriptor(Properties properties) {
    StringBuilder text = new StringBuilder();
    properties.stringPropertyNames().stream()
        .sorted()
        .forEach(k -> text.append(k).append('=').append(properties.getProperty(k)).append('\n'));
    return entry(PluginManifest.FILE, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The class file of {@code type} and of its nested classes ({@code Type$*.class} beside it), read
   * from the class path, under {@code classes/}.
   */
  public PluginArchiveBuilder addClass(Class<?> type) {
    String resource = type.getName().replace('.', '/') + ".class";
    entry("classes/" + resource, read(type, resource));
    try {
      Path file = Path.of(type.getResource(type.getSimpleName() + ".class").toURI());
      try (Stream<Path> siblings = Files.list(file.getParent())) {
        for (Path nested :
            siblings
                .filter(p -> p.getFileName().toString().startsWith(type.getSimpleName() + "$"))
                .sorted()
                .toList()) {
          String name = resource.substring(0, resource.lastIndexOf('/') + 1) + nested.getFileName();
          entry("classes/" + name, Files.readAllBytes(nested));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      // Not a directory on the class path (a jar): nested classes must be added one by one.
    }
    return this;
  }

  /** Every file below {@code classesDir} (a compiler's output), under {@code classes/}. */
  public PluginArchiveBuilder addClasses(Path classesDir) {
    try (Stream<Path> files = Files.walk(classesDir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = classesDir.relativize(file).toString().replace('\\', '/');
        entry("classes/" + name, Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Any entry, with any name. */
  public PluginArchiveBuilder entry(String name, byte[] content) {
    entries.put(requireNonNull(name, "name is null"), content.clone());
    return this;
  }

  /** Writes the archive to {@code file} and returns it. */
  public Path writeTo(Path file) {
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  private static byte[] read(Class<?> type, String resource) {
    try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no class file for " + type.getName());
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
