package dev.atrium.plugin.testkit;

import static java.util.Objects.requireNonNull;

/** One usage record a plugin made through {@link dev.atrium.plugin.api.UsageMeter#record}. */
public record MeteredUsage(String tenantId, String meter, long quantity, String idempotencyKey) {
  public MeteredUsage {
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(meter, "meter is null");
    requireNonNull(idempotencyKey, "idempotencyKey is null");
  }
}
