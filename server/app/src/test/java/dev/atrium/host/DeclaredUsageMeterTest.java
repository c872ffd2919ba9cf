package dev.atrium.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A plugin records usage of the meters it declared and of no other; usage outside a request goes to
 * the sink under the plugin's own key. (Through the real host, declared meters reach billing in
 * {@code MeteringPipelineApiTest}.)
 */
final class DeclaredUsageMeterTest {
  private final List<PluginUsage> recorded = new ArrayList<>();
  private final AtomicReference<Set<String>> declared = new AtomicReference<>(Set.of());
  private final DeclaredUsageMeter meter =
      new DeclaredUsageMeter(
          "scorer",
          declared::get,
          usage -> {
            recorded.add(usage);
            return Future.succeededFuture();
          },
          Optional::empty);
  private final String tenant = UUID.randomUUID().toString();

  @Test
  void onlyDeclaredMetersAreRecorded() {
    Future<Void> beforeDeclaring = meter.record(tenant, "scored", 1, "k0");
    assertThat(beforeDeclaring.failed()).isTrue();
    assertThat(beforeDeclaring.cause()).hasMessageContaining("'scored' is not declared");

    declared.set(Set.of("scored"));
    assertThat(meter.record(tenant, "scored", 3, "k1").succeeded()).isTrue();
    Future<Void> other = meter.record(tenant, "trained", 1, "k2");
    assertThat(other.cause())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'trained' is not declared by plugin 'scorer'");
    assertThat(meter.record(tenant, "scored", -1, "k3").cause())
        .hasMessageContaining("must not be negative");

    assertThat(recorded)
        .singleElement()
        .satisfies(
            usage -> {
              assertThat(usage.pluginId()).isEqualTo("scorer");
              assertThat(usage.meter()).isEqualTo("scored");
              assertThat(usage.quantity()).isEqualTo(3);
              assertThat(usage.idempotencyKey()).isEqualTo("k1");
              assertThat(usage.tenantId()).hasToString(tenant);
            });
  }
}
