package dev.atrium.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds a plugin project with Maven outside the source tree: every {@code dev.atrium} artifact
 * comes from the SDK repository folder alone (the local repository starts without any), everything
 * else from this build's local repository, and no network is reached (the only remote repository is
 * the SDK folder).
 */
final class OutsideBuild {
  private OutsideBuild() {}

  /** Runs {@code mvn package} in {@code project}; answers Maven's output. */
  static String mavenPackage(Path project, Path sdkRepository, Path work) throws Exception {
    Path localRepository = localRepositoryWithoutAtrium(work.resolve("m2"));
    Path settings = work.resolve("settings.xml");
    // One repository for everything, named central so that what the local repository already
    // holds from Maven Central counts as found; it is the SDK folder.
    Files.writeString(
        settings,
        """
        <settings>
          <mirrors>
            <mirror><id>central</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
          </mirrors>
        </settings>
        """
            .formatted(sdkRepository.toUri()));
    Path log = work.resolve("build.log");
    ProcessBuilder maven =
        new ProcessBuilder(
                List.of(
                    SdkRepository.SOURCE_TREE.resolve("mvnw").toString(),
                    "-B",
                    "-s",
                    settings.toString(),
                    "-Dmaven.repo.local=" + localRepository,
                    "package"))
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    maven.environment().put("JAVA_HOME", System.getProperty("java.home"));
    maven.environment().put("MAVEN_OPTS", "-Xmx512m");
    Process process = maven.start();
    boolean finished = process.waitFor(8, TimeUnit.MINUTES);
    String output = Files.readString(log);
    if (!finished) {
      process.destroyForcibly();
    }
    assertThat(finished && process.exitValue() == 0).as(output).isTrue();
    Path sdk = localRepository.resolve("dev/atrium");
    assertThat(Files.isSymbolicLink(sdk)).isFalse();
    assertThat(sdk.resolve("atrium-plugin-parent"))
        .as("fetched from the SDK repository")
        .isDirectory();
    assertThat(sdk.resolve("atrium-plugin-testkit"))
        .as("fetched from the SDK repository")
        .isDirectory();
    return output;
  }

  /**
   * A local repository that links to every folder of this build's local repository except {@code
   * dev/atrium}, so the plugin's build must fetch the SDK from the SDK repository.
   */
  private static Path localRepositoryWithoutAtrium(Path farm) throws IOException {
    Path source = Path.of(System.getProperty("atrium.maven.repo.local"));
    assertThat(source).as("surefire passes atrium.maven.repo.local").isDirectory();
    Files.createDirectories(farm.resolve("dev"));
    link(source, farm, "dev");
    link(source.resolve("dev"), farm.resolve("dev"), "atrium");
    return farm;
  }

  private static void link(Path from, Path to, String except) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(from)) {
      for (Path entry : entries) {
        if (!entry.getFileName().toString().equals(except)) {
          Files.createSymbolicLink(to.resolve(entry.getFileName().toString()), entry);
        }
      }
    }
  }
}
