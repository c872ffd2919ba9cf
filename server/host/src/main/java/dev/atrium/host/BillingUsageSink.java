package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.Billing;
import dev.atrium.db.Db;
import dev.atrium.persistence.billing.UsageEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plugins' own usage into the billing ledger: durable and idempotent (the plugin's key, scoped to
 * the plugin), on the meter {@code <plugin>.<meter>}. A meter is declared in the catalogue the
 * first time it is used, at price 0 in every plan until the operator prices it.
 */
public final class BillingUsageSink implements UsageSink {
  private final Billing billing;
  private final Db db;
  private final MeterRegistry registry;
  private final Set<String> declared = ConcurrentHashMap.newKeySet();

  public BillingUsageSink(Billing billing, Db db, MeterRegistry registry) {
    this.billing = requireNonNull(billing, "billing is null");
    this.db = requireNonNull(db, "db is null");
    this.registry = requireNonNull(registry, "registry is null");
  }

  @Override
  public Future<Void> record(PluginUsage usage) {
    String meter = usage.pluginId() + "." + usage.meter();
    return declare(usage.pluginId(), usage.meter())
        .compose(
            v ->
                Future.fromCompletionStage(
                    billing
                        .recorder()
                        .record(
                            new UsageEvent(
                                usage.tenantId(),
                                "plugin:" + usage.pluginId() + ":" + usage.idempotencyKey(),
                                UsageEvent.NO_KEY,
                                usage.pluginId(),
                                "",
                                meter,
                                usage.quantity(),
                                usage.occurredAt().atOffset(ZoneOffset.UTC)))))
        .map(
            durable -> {
              Counter.builder("atrium.plugin.usage")
                  .description(
                      "Usage reported on plugins' own meters (a retried report counts again;"
                          + " billing stores it once)")
                  .tag("plugin", usage.pluginId())
                  .tag("meter", usage.meter())
                  .register(registry)
                  .increment(usage.quantity());
              return null;
            });
  }

  @Override
  public Future<Void> declare(String pluginId, String pluginMeter) {
    String meter = pluginId + "." + pluginMeter;
    if (declared.contains(meter)) {
      return Future.succeededFuture();
    }
    return db.blocking(
        () -> {
          billing
              .meters()
              .declarePluginMeter(
                  pluginId, pluginMeter, "unit", "Declared by plugin " + pluginId, BigDecimal.ZERO);
          declared.add(meter);
          return null;
        });
  }
}
