package dev.atrium.app.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.config.AtriumConfig;
import dev.atrium.config.ConfigException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class MetricsAccessTest {

  @Test
  void defaultsKeepMetricsForTheOperatorAndTenantsOutOfTheLabels() {
    MetricsAccess access = MetricsAccess.from(AtriumConfig.of(Map.of()));
    assertThat(access.mode()).isEqualTo(MetricsAccess.Mode.OPERATOR);
    assertThat(access.tenantLabels()).isFalse();

    MeterRegistry registry = new SimpleMeterRegistry();
    access.applyTo(registry);
    count(registry, "tenant-a", 3);
    count(registry, "tenant-b", 4);
    assertThat(registry.find("atrium.embedding.tokens").counters())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getId().getTag("tenant")).isNull();
              assertThat(c.getId().getTag("model")).isEqualTo("m");
              assertThat(c.count()).isEqualTo(7);
            });
  }

  @Test
  void tenantLabelsAreKeptOnlyWhenTurnedOn() {
    MetricsAccess access =
        MetricsAccess.from(
            AtriumConfig.of(
                Map.of("metrics.tenant-labels", "true", "metrics.access", "Management")));
    assertThat(access.mode()).isEqualTo(MetricsAccess.Mode.MANAGEMENT);
    MeterRegistry registry = new SimpleMeterRegistry();
    access.applyTo(registry);
    count(registry, "tenant-a", 3);
    count(registry, "tenant-b", 4);
    assertThat(registry.find("atrium.embedding.tokens").tag("tenant", "tenant-b").counter().count())
        .isEqualTo(4);
  }

  @Test
  void anUnknownAccessModeStopsTheServer() {
    assertThatThrownBy(
            () -> MetricsAccess.from(AtriumConfig.of(Map.of("metrics.access", "everyone"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ATRIUM_METRICS_ACCESS");
  }

  private static void count(MeterRegistry registry, String tenant, double amount) {
    registry.counter("atrium.embedding.tokens", "tenant", tenant, "model", "m").increment(amount);
  }
}
