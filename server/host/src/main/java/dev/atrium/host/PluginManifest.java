package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.SdkVersion;
import dev.atrium.plugin.runtime.SdkRequirement;
import java.util.Properties;
import java.util.regex.Pattern;
import org.pf4j.DefaultVersionManager;
import org.pf4j.VersionManager;

/**
 * A plugin's {@code plugin.properties}, in PF4J's keys: {@code plugin.id}, {@code plugin.version},
 * {@code plugin.class}, {@code plugin.requires} (the SDK versions it works with, e.g. {@code
 * >=1.0.0 & <2.0.0}), {@code plugin.provider}, {@code plugin.description}, {@code plugin.license}.
 */
public record PluginManifest(
    String id,
    String version,
    String pluginClass,
    String requires,
    String provider,
    String description,
    String license) {
  public static final String FILE = "plugin.properties";

  /** Lower-case letters, digits and '-': it is a URL path segment and a directory name. */
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,39}");

  private static final Pattern VERSION =
      Pattern.compile("\\d{1,6}\\.\\d{1,6}\\.\\d{1,6}(-[0-9A-Za-z.-]{1,40})?");
  private static final Pattern CLASS_NAME =
      Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*\\.)*[A-Za-z_$][A-Za-z0-9_$]*");
  private static final VersionManager VERSIONS = new DefaultVersionManager();

  public PluginManifest {
    requireNonNull(id, "id is null");
    requireNonNull(version, "version is null");
    requireNonNull(pluginClass, "pluginClass is null");
    requireNonNull(requires, "requires is null");
    requireNonNull(provider, "provider is null");
    requireNonNull(description, "description is null");
    requireNonNull(license, "license is null");
  }

  /** Reads and checks the descriptor; refuses it with {@code invalid_descriptor} naming the key. */
  public static PluginManifest parse(Properties p) {
    String id = required(p, "plugin.id");
    if (!ID.matcher(id).matches()) {
      throw invalid("plugin.id '" + id + "' must be 2-40 lower-case letters, digits or '-'");
    }
    String version = required(p, "plugin.version");
    if (!VERSION.matcher(version).matches()) {
      throw invalid("plugin.version '" + version + "' must be a semantic version such as 1.2.3");
    }
    String pluginClass = required(p, "plugin.class");
    if (!CLASS_NAME.matcher(pluginClass).matches()) {
      throw invalid("plugin.class '" + pluginClass + "' is not a Java class name");
    }
    String requires = required(p, "plugin.requires");
    return new PluginManifest(
        id,
        version,
        pluginClass,
        requires,
        p.getProperty("plugin.provider", "").trim(),
        p.getProperty("plugin.description", "").trim(),
        p.getProperty("plugin.license", "").trim());
  }

  /**
   * Refuses with {@code incompatible_sdk} unless {@code requires} accepts {@code sdk}; a malformed
   * range is refused too.
   */
  public void checkCompatible(SdkVersion sdk) {
    boolean compatible;
    try {
      compatible = SdkRequirement.accepts(requires, sdk);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    if (!compatible) {
      throw new PluginRefusedException(
          "incompatible_sdk",
          "Plugin '"
              + id
              + "' requires SDK "
              + requires
              + " but this server offers SDK "
              + sdk
              + ".");
    }
  }

  /** Semantic order of the versions: negative when this one is older than {@code other}. */
  public int compareVersion(PluginManifest other) {
    return VERSIONS.compareVersions(version, other.version);
  }

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw invalid(FILE + " has no " + key);
    }
    return value.trim();
  }

  private static PluginRefusedException invalid(String detail) {
    return new PluginRefusedException("invalid_descriptor", detail + ".");
  }
}
