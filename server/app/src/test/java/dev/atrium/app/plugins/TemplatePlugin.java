package dev.atrium.app.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.plugin.api.AtriumPlugin;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.slf4j.Logger;

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
      compile(copy.resolve("src/main/java"), classes);
      // Maven's resource filtering fills plugin.version from the project version.
      String descriptor =
          Files.readString(copy.resolve("src/main/resources/plugin.properties"))
              .replace("${project.version}", version);
      assertThat(descriptor).contains("plugin.id=" + ID);
      return new PluginArchiveBuilder()
          .entry(PluginManifest.FILE, descriptor.getBytes(StandardCharsets.ISO_8859_1))
          .addClasses(classes)
          .writeTo(copy.resolve("target/" + ID + "-" + version + ".zip"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void compile(Path sources, Path classes) throws IOException {
    List<String> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
    }
    String classpath =
        String.join(
            java.io.File.pathSeparator,
            locationOf(AtriumPlugin.class),
            locationOf(JsonObject.class),
            locationOf(Logger.class));
    List<String> args = new ArrayList<>(List.of("--release", "21", "-proc:none"));
    args.addAll(List.of("-classpath", classpath, "-d", classes.toString()));
    args.addAll(files);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, errors, errors, args.toArray(String[]::new));
    assertThat(status).as("javac: " + errors.toString(StandardCharsets.UTF_8)).isZero();
  }

  /** The jar or classes folder a type was loaded from: the SDK's own artifact, not server/app. */
  private static String locationOf(Class<?> type) {
    try {
      Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
      assertThat(location.toString()).doesNotContain("server/app");
      return location.toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
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
