package dev.atrium.persistence.billing;

import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One metered fact: {@code quantity} units of {@code meter} used by {@code tenantId}. The pair
 * (tenant, idempotency key) is unique: storing the same event twice stores it once. {@code keyId}
 * is {@link #NO_KEY} and {@code plugin}, {@code model} are empty when they do not apply.
 */
public record UsageEvent(
    UUID tenantId,
    String idempotencyKey,
    UUID keyId,
    String plugin,
    String model,
    String meter,
    long quantity,
    OffsetDateTime occurredAt) {

  /** The key id of usage that no API key caused. */
  public static final UUID NO_KEY = new UUID(0, 0);

  public UsageEvent {
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(idempotencyKey, "idempotencyKey is null");
    requireNonNull(keyId, "keyId is null");
    requireNonNull(plugin, "plugin is null");
    requireNonNull(model, "model is null");
    requireNonNull(meter, "meter is null");
    requireNonNull(occurredAt, "occurredAt is null");
    if (quantity < 0) {
      throw new IllegalArgumentException("quantity must not be negative");
    }
  }
}
