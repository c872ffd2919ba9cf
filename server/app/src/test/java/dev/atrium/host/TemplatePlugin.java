package dev.atrium.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a third party does with the template: copies {@code plugins/example-echo} out of the source
 * tree, compiles it against the SDK artifact and the two libraries the SDK exposes (Vert.x core and
 * SLF4J) and nothing else of Atrium, and packs the archive in the plugin layout.
 */
final class TemplatePlugin {
  static final String ID = "example-echo";
  private static final Path TEMPLATE = Path.of("..", "..", "plugins", "example-echo");

  private TemplatePlugin() {}

  /** The template's archive at {@code version}, built in a fresh copy outside the source tree. */
  static Path build(String version) {
    try {
      Path copy = Files.createTempDirectory("third-party-plugin");
      copyTree(TEMPLATE.resolve("src/main"), copy.resolve("src/main"));
      Path classes = Files.createDirectories(copy.resolve("target/classes"));
      PluginCompiler.compile(copy.resolve("src/main/java"), classes);
      // Maven's resource filtering fills plugin.version from the project version.
      String descriptor =
          Files.readString(copy.resolve("src/main/resources/plugin.properties"))
              .replace("${project.version}", version);
      assertThat(descriptor).contains("plugin.id=" + ID);
      return new PluginArchiveBuilder()
          .entry(PluginManifest.FILE, descriptor.getBytes(StandardCharsets.UTF_8))
          .addClasses(classes)
          .writeTo(copy.resolve("target/" + ID + "-" + version + ".zip"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
