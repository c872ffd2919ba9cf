package dev.atrium.host;

import dev.atrium.host.testplugins.ProbePlugin;
import dev.atrium.plugin.api.SdkVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Archives of the test plugins, written to temporary files. */
public final class TestPlugins {
  public static final String PROBE = "probe";
  static final String COMPATIBLE =
      ">=" + SdkVersion.CURRENT.major() + ".0.0 & <" + (SdkVersion.CURRENT.major() + 1) + ".0.0";

  private TestPlugins() {}

  /** The probe plugin at {@code version}. */
  public static Path probe(String version) {
    return new PluginArchiveBuilder()
        .descriptor(PROBE, version, ProbePlugin.class.getName(), COMPATIBLE)
        .addClass(ProbePlugin.class)
        .writeTo(temporaryFile());
  }

  /**
   * Server overrides that install the probe plugin at start (from {@code plugins.dir}) with a short
   * request timeout, so tests sweeping every documented route also reach plugin routes quickly.
   */
  public static Map<String, String> probeInstalledAtStart() {
    try {
      Path dir = Files.createTempDirectory("atrium-test-plugins");
      Files.move(probe("1.0.0"), dir.resolve(PROBE + ".zip"));
      return Map.of("plugins.dir", dir.toString(), "plugins.request-timeout-ms", "300");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path temporaryFile() {
    try {
      Path file = Files.createTempFile("atrium-test-plugin", ".zip");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
