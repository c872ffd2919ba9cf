package dev.atrium.host;

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
 * Compiles plugin sources as a third party does: against the SDK artifact and the two libraries the
 * SDK exposes (Vert.x core and SLF4J), plus any extra class folders, with nothing else of Atrium on
 * the class path.
 */
final class PluginCompiler {
  private PluginCompiler() {}

  /** Compiles every {@code .java} file below {@code sources} into {@code classes}. */
  static void compile(Path sources, Path classes, Path... extraClassPath) {
    List<String> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> classpath =
        new ArrayList<>(
            List.of(
                locationOf(AtriumPlugin.class),
                locationOf(JsonObject.class),
                locationOf(Logger.class)));
    for (Path extra : extraClassPath) {
      classpath.add(extra.toString());
    }
    List<String> args = new ArrayList<>(List.of("--release", "21", "-proc:none", "-nowarn"));
    args.addAll(
        List.of(
            "-classpath",
            String.join(java.io.File.pathSeparator, classpath),
            "-d",
            classes.toString()));
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
}
