package dev.atrium.plugin.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version of this SDK. {@link #CURRENT} is the version a plugin compiled against (read
 * it from the SDK jar) and, on the host, the version the running server offers; the host checks a
 * plugin's {@code plugin.requires} range (e.g. {@code >=1.0.0 & <2.0.0}) against it on install.
 *
 * <p>Rules: a minor version adds {@code default} methods and new types only, so every plugin built
 * for {@code 1.x} keeps working on any later {@code 1.y}; only a major version may break plugins.
 */
public record SdkVersion(int major, int minor, int patch) implements Comparable<SdkVersion> {
  private static final Pattern SEMVER = Pattern.compile("(\\d{1,6})\\.(\\d{1,6})\\.(\\d{1,6})");

  /**
   * The version of this SDK: the version of the {@code atrium-plugin-api} artifact, which the build
   * writes into {@code sdk.properties} next to this class.
   */
  public static final SdkVersion CURRENT = ofArtifact();

  public SdkVersion {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version numbers must not be negative");
    }
  }

  /** Parses {@code major.minor.patch}. */
  public static SdkVersion parse(String text) {
    Matcher m = SEMVER.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a version such as 1.2.3");
    }
    return new SdkVersion(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }

  private static SdkVersion ofArtifact() {
    Properties properties = new Properties();
    try (InputStream in = SdkVersion.class.getResourceAsStream("sdk.properties")) {
      if (in == null) {
        throw new IllegalStateException("sdk.properties is missing from the SDK jar");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the SDK's sdk.properties", e);
    }
    return parse(properties.getProperty("version"));
  }

  @Override
  public int compareTo(SdkVersion other) {
    int byMajor = Integer.compare(major, other.major);
    if (byMajor != 0) {
      return byMajor;
    }
    int byMinor = Integer.compare(minor, other.minor);
    return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
