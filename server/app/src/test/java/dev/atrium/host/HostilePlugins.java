package dev.atrium.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * Hostile plugins built as real archives at test time: Java source with one route, {@code GET /go},
 * whose handler body is given, compiled against the SDK like a third party's plugin, and packed in
 * the plugin layout, optionally with a library jar compiled the same way.
 */
final class HostilePlugins {
  private static final String PLUGIN =
      """
      package hostile;

      import dev.atrium.plugin.api.*;
      import io.vertx.core.Future;
      import io.vertx.core.Promise;
      import io.vertx.core.buffer.Buffer;

      public final class HostilePlugin implements AtriumPlugin {
        private final PluginContext context;
        %s

        public HostilePlugin(PluginContext context) {
          this.context = context;
        }

        @Override
        public void routes(PluginRoutes routes) {
          routes.get("/go", RouteDoc.of("Does the hostile thing"), request -> {
            %s
          });
          routes.get("/ok", RouteDoc.of("Answers"), request ->
              Future.succeededFuture(PluginResponse.text("ok")));
        }
      }
      """;

  private HostilePlugins() {}

  /** A plugin {@code id} whose {@code GET /go} runs {@code body} (Java statements). */
  static Path plugin(String id, String body) {
    return build(id, "", body, null);
  }

  /** A plugin with extra {@code members} (fields, initialised when it is constructed). */
  static Path plugin(String id, String members, String body) {
    return build(id, members, body, null);
  }

  /** A plugin whose {@code GET /go} runs {@code body}, packing {@code library} under lib/. */
  static Path withLibrary(String id, String body, Library library) {
    return build(id, "", body, library);
  }

  /** A jar packed as {@code lib/<path>}. */
  record Library(String path, byte[] jar) {
    /** {@code hostile.lib.Library} with the static {@code methods} (Java source), compiled. */
    static Library compiled(String path, String methods) {
      try {
        Path work = Files.createTempDirectory("hostile-lib");
        Path sources = Files.createDirectories(work.resolve("src/hostile/lib"));
        Files.writeString(
            sources.resolve("Library.java"),
            "package hostile.lib;\npublic final class Library {\n" + methods + "\n}\n");
        Path classes = Files.createDirectories(work.resolve("classes"));
        PluginCompiler.compile(work.resolve("src"), classes);
        return new Library(path, packed(classes));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The files below {@code classes} as a jar. */
  static byte[] packed(Path classes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes);
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        jar.putNextEntry(new ZipEntry(classes.relativize(file).toString().replace('\\', '/')));
        jar.write(Files.readAllBytes(file));
        jar.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static Path build(String id, String members, String body, Library library) {
    try {
      Path work = Files.createTempDirectory("hostile-" + id);
      Path classes = Files.createDirectories(work.resolve("classes"));
      PluginArchiveBuilder archive =
          new PluginArchiveBuilder()
              .descriptor(id, "1.0.0", "hostile.HostilePlugin", TestPlugins.COMPATIBLE);
      Path sources = Files.createDirectories(work.resolve("src/hostile"));
      Files.writeString(sources.resolve("HostilePlugin.java"), PLUGIN.formatted(members, body));
      if (library == null) {
        PluginCompiler.compile(work.resolve("src"), classes);
      } else {
        Path jar = Files.write(work.resolve("library.jar"), library.jar());
        PluginCompiler.compile(work.resolve("src"), classes, jar);
        archive.entry("lib/" + library.path(), library.jar());
      }
      return archive.addClasses(classes).writeTo(work.resolve(id + ".zip"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
