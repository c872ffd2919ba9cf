package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/** One usage record of a plugin meter, unique by plugin and idempotency key. */
public record PluginUsage(
    String pluginId,
    UUID tenantId,
    String meter,
    long quantity,
    String idempotencyKey,
    Instant occurredAt) {
  public PluginUsage {
    requireNonNull(pluginId, "pluginId is null");
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(meter, "meter is null");
    requireNonNull(idempotencyKey, "idempotencyKey is null");
    requireNonNull(occurredAt, "occurredAt is null");
    if (quantity < 0) {
      throw new IllegalArgumentException("quantity must not be negative");
    }
  }
}
