package dev.atrium.persistence;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An API key as stored: never the key itself, only its hash and visible prefix. */
public record ApiKey(
    UUID id,
    UUID tenantId,
    String name,
    String prefix,
    String keyHash,
    List<String> scopes,
    UUID createdBy,
    OffsetDateTime createdAt,
    OffsetDateTime expiresAt,
    OffsetDateTime lastUsedAt,
    OffsetDateTime revokedAt,
    UUID replacedBy) {

  public ApiKey {
    scopes = List.copyOf(scopes);
  }

  /** True when the key may authenticate at {@code now}: not revoked and not expired. */
  public boolean isUsableAt(OffsetDateTime now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }
}
