package dev.atrium.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.plugin.api.SdkVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A Maven repository folder holding the SDK as {@code ./atrium sdk deploy} publishes it: each SDK
 * module's POM as it is installed (flattened: no parent, versions written out) and its jar, from
 * this build's outputs, at the SDK's version.
 */
final class SdkRepository {
  static final Path SOURCE_TREE = Path.of("..", "..").toAbsolutePath().normalize();

  /** Module folder to artifact id; a null jar means a POM-only artifact. */
  private static final Map<String, String> MODULES =
      Map.of(
          "build-tools", "atrium-build-tools",
          "sdk/bom", "atrium-sdk-bom",
          "sdk/plugin-parent", "atrium-plugin-parent",
          "server/plugin-api", "atrium-plugin-api",
          "server/plugin-runtime", "atrium-plugin-runtime",
          "server/ingestion", "atrium-ingestion",
          "server/knowledge", "atrium-knowledge",
          "server/inference", "atrium-inference",
          "server/plugin-testkit", "atrium-plugin-testkit");

  private SdkRepository() {}

  static Path stage(Path repository) throws IOException {
    String version = SdkVersion.CURRENT.toString();
    for (Map.Entry<String, String> module : MODULES.entrySet()) {
      Path dir = SOURCE_TREE.resolve(module.getKey());
      String artifact = module.getValue();
      Path target =
          Files.createDirectories(
              repository.resolve("dev/atrium").resolve(artifact).resolve(version));
      Path pom = dir.resolve(".flattened-pom.xml");
      assertThat(pom).as("build the SDK modules first (./mvnw install)").exists();
      assertThat(Files.readString(pom)).contains("<version>" + version + "</version>");
      Files.copy(
          pom,
          target.resolve(artifact + "-" + version + ".pom"),
          StandardCopyOption.REPLACE_EXISTING);
      Path jar = dir.resolve("target").resolve(artifact + "-" + version + ".jar");
      if (Files.exists(jar)) {
        Files.copy(
            jar,
            target.resolve(artifact + "-" + version + ".jar"),
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return repository;
  }
}
