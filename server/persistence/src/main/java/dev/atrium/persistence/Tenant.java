package dev.atrium.persistence;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A business that uses the platform; every tenant-owned row carries its id. A tenant the operator
 * suspended has {@code suspendedAt} (and the operator's {@code suspendedReason}); an active one has
 * neither.
 */
public record Tenant(
    UUID id,
    String name,
    OffsetDateTime createdAt,
    OffsetDateTime suspendedAt,
    String suspendedReason) {

  /** A new, active tenant. */
  public Tenant(UUID id, String name, OffsetDateTime createdAt) {
    this(id, name, createdAt, null, null);
  }

  public boolean suspended() {
    return suspendedAt != null;
  }
}
