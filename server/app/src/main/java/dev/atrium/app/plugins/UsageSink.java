package dev.atrium.app.plugins;

import io.vertx.core.Future;

/**
 * Where plugins' own usage goes. The default counts it in the metrics registry; billing plugs a
 * durable, idempotent ledger in here.
 */
@FunctionalInterface
public interface UsageSink {
  Future<Void> record(PluginUsage usage);
}
