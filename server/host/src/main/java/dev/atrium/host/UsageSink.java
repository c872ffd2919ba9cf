package dev.atrium.host;

import io.vertx.core.Future;

/**
 * Where plugins' own usage goes. The default counts it in the metrics registry; billing plugs a
 * durable, idempotent ledger in here.
 */
@FunctionalInterface
public interface UsageSink {
  /** Records usage reported outside a request (background jobs), durable and idempotent. */
  Future<Void> record(PluginUsage usage);

  /**
   * Makes the plugin's meter {@code <plugin>.<meter>} known to billing, so a request can carry its
   * usage; nothing to do where usage is only counted.
   */
  default Future<Void> declare(String pluginId, String meter) {
    return Future.succeededFuture();
  }
}
