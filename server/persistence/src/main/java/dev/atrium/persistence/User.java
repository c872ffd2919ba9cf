package dev.atrium.persistence;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A person who logs in to the dashboard. {@code tenantId} is null for the platform operator; {@code
 * passwordHash} is null until an invited user accepts the invitation.
 */
public record User(
    UUID id,
    UUID tenantId,
    String email,
    String passwordHash,
    String role,
    String status,
    OffsetDateTime createdAt) {

  public boolean isActive() {
    return "active".equals(status);
  }
}
