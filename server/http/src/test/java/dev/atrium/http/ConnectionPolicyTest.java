package dev.atrium.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.config.AtriumConfig;
import dev.atrium.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ConnectionPolicyTest {
  @Test
  void readsTheHttpKeys() {
    ConnectionPolicy policy =
        ConnectionPolicy.from(
            AtriumConfig.of(
                Map.of(
                    "http.idle-timeout-seconds", "0",
                    "http.header-timeout-seconds", "5",
                    "http.max-connections-per-address", "0")));

    assertThat(policy.idleTimeout()).isZero();
    assertThat(policy.headerTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(policy.bodyTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(policy.maxConnections()).isEqualTo(10_000);
    assertThat(policy.maxConnectionsPerAddress()).isZero();
  }

  @Test
  void refusesNegativeTimeoutsAndNoConnectionsAtAll() {
    assertThatThrownBy(
            () -> ConnectionPolicy.from(AtriumConfig.of(Map.of("http.body-timeout-seconds", "-1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ATRIUM_HTTP_BODY_TIMEOUT_SECONDS");
    assertThatThrownBy(
            () -> ConnectionPolicy.from(AtriumConfig.of(Map.of("http.max-connections", "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("at least 1");
  }
}
