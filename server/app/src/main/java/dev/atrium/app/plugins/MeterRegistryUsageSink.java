package dev.atrium.app.plugins;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * Counts plugin usage in the metrics registry as {@code atrium_plugin_usage_total{plugin,meter}},
 * ignoring an idempotency key seen in the last 24 hours (in this process).
 */
public final class MeterRegistryUsageSink implements UsageSink {
  private final MeterRegistry registry;
  private final Cache<String, Boolean> seen =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(24)).maximumSize(1_000_000).build();

  public MeterRegistryUsageSink(MeterRegistry registry) {
    this.registry = requireNonNull(registry, "registry is null");
  }

  @Override
  public Future<Void> record(PluginUsage usage) {
    String key = usage.pluginId() + " " + usage.idempotencyKey();
    if (seen.asMap().putIfAbsent(key, Boolean.TRUE) == null) {
      Counter.builder("atrium.plugin.usage")
          .description("Usage of plugins' own meters")
          .tag("plugin", usage.pluginId())
          .tag("meter", usage.meter())
          .register(registry)
          .increment(usage.quantity());
    }
    return Future.succeededFuture();
  }
}
