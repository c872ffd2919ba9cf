package dev.atrium.host;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.atrium.plugin.api.SdkVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Fuzz tests of plugin archive validation, what an operator's upload goes through before any of its
 * code loads: whatever the bytes, {@link PluginArchive#check} accepts them (and the accepted
 * archive then unpacks inside its folder) or refuses them with a {@link PluginRefusedException};
 * anything else is a crash. {@code archive} fuzzes the zip itself, {@code descriptor} the {@code
 * plugin.properties} inside a well-formed zip. Seeds (and every crash found) are in {@code
 * src/test/resources/dev/atrium/host/PluginArchiveFuzzTestInputs/<method>/} and run under {@code
 * ./mvnw verify}. To fuzz for {@code maxDuration}: {@code JAZZER_FUZZ=1 ./mvnw test -pl server/app
 * -Dtest=PluginArchiveFuzzTest#archive}.
 */
final class PluginArchiveFuzzTest {
  private static final long MAX_BYTES = 1 << 20;

  @FuzzTest(maxDuration = "5m")
  void archive(byte[] zip) throws IOException {
    Path file = Files.createTempFile("fuzz-plugin", ".zip");
    try {
      Files.write(file, zip);
      checkAndUnpack(file);
    } finally {
      Files.delete(file);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void descriptor(byte[] properties) throws IOException {
    Path dir = Files.createTempDirectory("fuzz-plugin");
    try {
      checkAndUnpack(
          new PluginArchiveBuilder()
              .entry(PluginManifest.FILE, properties)
              .entry("classes/com/example/Plugin.class", new byte[] {(byte) 0xCA, (byte) 0xFE})
              .writeTo(dir.resolve("plugin.zip")));
    } finally {
      delete(dir);
    }
  }

  private static void checkAndUnpack(Path file) throws IOException {
    PluginArchive archive;
    try {
      archive = PluginArchive.check(file, MAX_BYTES);
      archive.manifest().checkCompatible(SdkVersion.CURRENT);
    } catch (PluginRefusedException refused) {
      return; // the typed refusal: a 400 naming the rule
    }
    Path root = Files.createTempDirectory("fuzz-unpacked");
    try {
      archive.extractTo(root.resolve("plugin"));
    } finally {
      delete(root);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
