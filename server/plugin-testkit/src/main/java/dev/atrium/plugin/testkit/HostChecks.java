package dev.atrium.plugin.testkit;

import dev.atrium.plugin.api.SdkVersion;
import dev.atrium.plugin.runtime.SdkRequirement;
import dev.atrium.plugin.runtime.bytecode.CodePolicy;
import dev.atrium.plugin.runtime.bytecode.ForbiddenApiException;
import dev.atrium.plugin.runtime.bytecode.PluginCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The install-time checks of the host, run on a plugin's build output (the class folder holding its
 * {@code plugin.properties}, e.g. {@code target/classes}) when the testkit starts it: {@code
 * plugin.class} names the started class, {@code plugin.requires} accepts this SDK, and the bytecode
 * uses no forbidden API (the host's {@link CodePolicy}, same messages). A plugin class defined in
 * test sources (no {@code plugin.properties} beside it) is not an archive's code and is not
 * checked.
 */
final class HostChecks {
  private HostChecks() {}

  /** Throws {@link IllegalStateException} naming the host's refusal code when one would refuse. */
  static void check(Class<?> pluginClass) {
    Optional<Path> classes = classesFolder(pluginClass);
    if (classes.isEmpty() || !Files.isRegularFile(classes.get().resolve("plugin.properties"))) {
      return;
    }
    Properties descriptor = descriptor(classes.get().resolve("plugin.properties"));
    String declared = descriptor.getProperty("plugin.class", "").trim();
    if (!declared.equals(pluginClass.getName())) {
      throw refused(
          "plugin_failed_to_start",
          "plugin.properties names plugin.class '"
              + declared
              + "' but the test starts "
              + pluginClass.getName());
    }
    String requires = descriptor.getProperty("plugin.requires", "").trim();
    boolean compatible;
    try {
      compatible = !requires.isEmpty() && SdkRequirement.accepts(requires, SdkVersion.CURRENT);
    } catch (IllegalArgumentException e) {
      throw refused("invalid_descriptor", e.getMessage());
    }
    if (!compatible) {
      throw refused(
          "incompatible_sdk",
          "plugin.requires '" + requires + "' does not accept SDK " + SdkVersion.CURRENT);
    }
    try {
      CodePolicy.withWellKnownLibraries(Set.of()).enforce(PluginCode.ofClasses(classes.get()));
    } catch (ForbiddenApiException e) {
      throw refused(e.code(), e.getMessage());
    }
  }

  private static Optional<Path> classesFolder(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    try {
      Path location = Path.of(source.getLocation().toURI());
      return Files.isDirectory(location) ? Optional.of(location) : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Properties descriptor(Path file) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }

  private static IllegalStateException refused(String code, String why) {
    return new IllegalStateException("The server would refuse this plugin (" + code + "): " + why);
  }
}
