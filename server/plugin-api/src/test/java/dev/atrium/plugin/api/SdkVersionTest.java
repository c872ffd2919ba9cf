package dev.atrium.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SdkVersionTest {
  @Test
  void currentIsTheVersionOfTheSdkArtifact() {
    // Surefire passes the artifact's version as the build resolved it (atrium.sdk.version).
    String artifactVersion = System.getProperty("atrium.artifact.version");

    assertThat(artifactVersion).as("set by this module's surefire configuration").isNotBlank();
    assertThat(SdkVersion.CURRENT).isEqualTo(SdkVersion.parse(artifactVersion));
    assertThat(SdkVersion.CURRENT.toString()).isEqualTo(artifactVersion);
  }

  @Test
  void versionsCompareBySemanticVersioning() {
    assertThat(SdkVersion.parse("1.10.0")).isGreaterThan(SdkVersion.parse("1.9.9"));
    assertThat(SdkVersion.parse("2.0.0")).isGreaterThan(SdkVersion.parse("1.99.99"));
    assertThat(SdkVersion.parse(" 1.6.0 ")).isEqualTo(new SdkVersion(1, 6, 0));
    assertThatThrownBy(() -> SdkVersion.parse("1.6")).hasMessageContaining("'1.6'");
    assertThatThrownBy(() -> SdkVersion.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
