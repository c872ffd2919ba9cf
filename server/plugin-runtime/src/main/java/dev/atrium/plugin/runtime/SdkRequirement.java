package dev.atrium.plugin.runtime;

import com.github.zafarkhaja.semver.Version;
import dev.atrium.plugin.api.SdkVersion;

/**
 * A plugin's {@code plugin.requires}: the SDK versions it works with, as a range such as {@code
 * >=1.0.0 & <2.0.0} (PF4J's syntax, evaluated by the same engine PF4J uses). The host checks it on
 * install and the testkit when a plugin starts, so a plugin that passes its tests installs.
 */
public final class SdkRequirement {
  private SdkRequirement() {}

  /**
   * Whether {@code requires} accepts {@code sdk}; throws {@link IllegalArgumentException} when it
   * is not a version range.
   */
  public static boolean accepts(String requires, SdkVersion sdk) {
    String range = requires == null ? "" : requires.trim();
    if (range.isEmpty() || range.equals("*")) {
      return true;
    }
    try {
      return Version.parse(sdk.toString()).satisfies(range);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "plugin.requires '" + requires + "' is not a version range such as >=1.0.0 & <2.0.0", e);
    }
  }
}
