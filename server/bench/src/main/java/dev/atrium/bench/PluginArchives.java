package dev.atrium.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The plugin archives a build of the source tree wrote: {@code plugins/<id>/target/<id>-*.zip}
 * (each plugin module is named after its plugin id).
 */
final class PluginArchives {
  private PluginArchives() {}

  /**
   * The archive of {@code plugins/<module>}, from the working directory (the source tree's root).
   */
  static Path built(String module) throws IOException {
    return built(Path.of(""), module);
  }

  /**
   * The archive of {@code plugins/<module>} under {@code sourceTree}; fails saying how to build it.
   */
  static Path built(Path sourceTree, String module) throws IOException {
    Path target = sourceTree.resolve("plugins").resolve(module).resolve("target");
    try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
      return files
          .filter(p -> p.getFileName().toString().matches(Pattern.quote(module) + "-.*\\.zip"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IOException(
                      "no plugin archive in "
                          + target.toAbsolutePath()
                          + ": build it first (./mvnw -B package -DskipTests -pl plugins/"
                          + module
                          + " -am)"));
    }
  }
}
