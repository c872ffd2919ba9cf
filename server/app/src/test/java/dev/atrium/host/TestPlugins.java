package dev.atrium.host;

import dev.atrium.host.testplugins.FilesPlugin;
import dev.atrium.host.testplugins.ProbePlugin;
import dev.atrium.plugin.api.SdkVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Archives of the test plugins, written to temporary files. */
public final class TestPlugins {
  public static final String PROBE = "probe";
  public static final String FILES = "files";
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

  /** The files plugin ({@link FilesPlugin}) as plugin {@code files} at 1.0.0. */
  public static Path files() {
    return new PluginArchiveBuilder()
        .descriptor(FILES, "1.0.0", FilesPlugin.class.getName(), COMPATIBLE)
        .addClass(FilesPlugin.class)
        .writeTo(temporaryFile());
  }

  /**
   * The probe plugin as plugin {@code id} at 1.0.0, its descriptor written as UTF-8 (as the host
   * reads it) with {@code extraProperties} appended, e.g. display names or {@code
   * plugin.internal=true}.
   */
  public static Path probeAs(String id, String extraProperties) {
    String descriptor =
        "plugin.id="
            + id
            + "\nplugin.version=1.0.0\nplugin.class="
            + ProbePlugin.class.getName()
            + "\nplugin.requires="
            + COMPATIBLE
            + "\nplugin.description=Plugin "
            + id
            + "\n"
            + extraProperties;
    return new PluginArchiveBuilder()
        .entry(PluginManifest.FILE, descriptor.getBytes(StandardCharsets.UTF_8))
        .addClass(ProbePlugin.class)
        .writeTo(temporaryFile());
  }

  /** A fresh directory holding {@code archives} as {@code <id>.zip}, for {@code plugins.dir}. */
  public static Path pluginsDir(Map<String, Path> archives) {
    try {
      Path dir = Files.createTempDirectory("atrium-test-plugins");
      for (Map.Entry<String, Path> archive : archives.entrySet()) {
        Files.move(archive.getValue(), dir.resolve(archive.getKey() + ".zip"));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Server overrides that install the probe plugin at start (from {@code plugins.dir}) with a short
   * request timeout, so tests sweeping every documented route also reach plugin routes quickly.
   */
  public static Map<String, String> probeInstalledAtStart() {
    Path dir = pluginsDir(Map.of(PROBE, probe("1.0.0")));
    return Map.of("plugins.dir", dir.toString(), "plugins.request-timeout-ms", "300");
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
