package dev.atrium.plugin.api;

import io.vertx.core.Future;

/**
 * Counts usage of the plugin's own meters (declared in {@link AtriumPlugin#meters()}), per tenant,
 * for billing and the dashboard. Recording twice with the same idempotency key counts once.
 */
public interface UsageMeter {

  /**
   * Records {@code quantity} (not negative) of {@code meter} for {@code tenantId}; fails for a
   * meter the plugin did not declare.
   */
  Future<Void> record(String tenantId, String meter, long quantity, String idempotencyKey);
}
