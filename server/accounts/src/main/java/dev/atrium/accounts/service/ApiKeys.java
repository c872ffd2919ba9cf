package dev.atrium.accounts.service;

import static java.util.Objects.requireNonNull;

import dev.atrium.db.Db;
import dev.atrium.persistence.ApiKey;
import dev.atrium.persistence.ApiKeyRepository;
import dev.atrium.persistence.AuditRepository;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's API keys in the database: each change is written in one transaction with its audit
 * entry. Keys arrive hashed; the secret never reaches this class.
 */
public final class ApiKeys {
  private final Db db;

  public ApiKeys(Db db) {
    this.db = requireNonNull(db, "db is null");
  }

  public Future<List<ApiKey>> list(UUID tenantId) {
    return db.read(dsl -> new ApiKeyRepository(dsl).list(tenantId));
  }

  public Future<Optional<ApiKey>> find(UUID tenantId, UUID keyId) {
    return db.read(dsl -> new ApiKeyRepository(dsl).find(tenantId, keyId));
  }

  /** The key whose hash is {@code keyHash}, of any tenant (authentication). */
  public Future<Optional<ApiKey>> findByHash(String keyHash) {
    return db.read(dsl -> new ApiKeyRepository(dsl).findByHash(keyHash));
  }

  /** Saves the last-use times gathered in memory, key by key. */
  public Future<Void> recordLastUse(Map<UUID, OffsetDateTime> lastUseByKey) {
    return db.read(
        dsl -> {
          new ApiKeyRepository(dsl).recordLastUse(lastUseByKey);
          return null;
        });
  }

  /** Saves a new key created by {@code creator}, calling from {@code ip}. */
  public Future<ApiKey> create(ApiKey key, Principal creator, String ip) {
    return db.transaction(
        dsl -> {
          new ApiKeyRepository(dsl).insert(key);
          new AuditRepository(dsl)
              .append(
                  AuditEvents.of(
                      key.tenantId(),
                      creator.actor(),
                      "key.created",
                      "key:" + key.id(),
                      ip,
                      new JsonObject().put("name", key.name()).put("prefix", key.prefix())));
          return key;
        });
  }

  /**
   * Revokes a key of the caller's tenant at {@code now}; answers the key as it was (404 when the
   * tenant has no such key). Revoking a revoked key changes nothing and writes no audit entry.
   */
  public Future<ApiKey> revoke(Principal caller, UUID keyId, OffsetDateTime now, String ip) {
    UUID tenantId = caller.tenantId();
    return db.transaction(
        dsl -> {
          ApiKeyRepository keys = new ApiKeyRepository(dsl);
          ApiKey key = keys.find(tenantId, keyId).orElseThrow(() -> notFound());
          if (keys.revoke(tenantId, keyId, now)) {
            new AuditRepository(dsl)
                .append(
                    AuditEvents.of(
                        tenantId,
                        caller.actor(),
                        "key.revoked",
                        "key:" + keyId,
                        ip,
                        new JsonObject().put("prefix", key.prefix())));
          }
          return key;
        });
  }

  /**
   * Replaces an active, not yet rotated key of the caller's tenant by {@code replacement} (which
   * carries the new secret's hash); the old key stays usable until {@code graceEnd} or its own
   * earlier expiry. 404 for an unknown key, 409 {@code key_not_active} for one that cannot rotate.
   */
  public Future<Rotation> rotate(
      Principal caller,
      UUID keyId,
      Replacement replacement,
      OffsetDateTime now,
      OffsetDateTime graceEnd,
      String ip) {
    return db.transaction(
        dsl -> {
          ApiKeyRepository keys = new ApiKeyRepository(dsl);
          ApiKey old = keys.find(caller.tenantId(), keyId).orElseThrow(() -> notFound());
          if (!old.isUsableAt(now) || old.replacedBy() != null) {
            throw Problem.conflict(
                "key_not_active", "Only an active key that was not rotated yet can be rotated.");
          }
          ApiKey issued = replacement.of(old, caller.userId(), now);
          OffsetDateTime oldExpiry =
              old.expiresAt() != null && old.expiresAt().isBefore(graceEnd)
                  ? old.expiresAt()
                  : graceEnd;
          keys.insert(issued);
          keys.markReplaced(old.tenantId(), old.id(), issued.id(), oldExpiry);
          new AuditRepository(dsl)
              .append(
                  AuditEvents.of(
                      old.tenantId(),
                      caller.actor(),
                      "key.rotated",
                      "key:" + old.id(),
                      ip,
                      new JsonObject()
                          .put("replacement", issued.id().toString())
                          .put("oldKeyExpiresAt", oldExpiry.toString())));
          return new Rotation(old, issued);
        });
  }

  /** The new secret of a rotation: its visible prefix and hash. */
  public record Replacement(String prefix, String keyHash) {
    ApiKey of(ApiKey old, UUID createdBy, OffsetDateTime now) {
      return new ApiKey(
          UUID.randomUUID(),
          old.tenantId(),
          old.name(),
          prefix,
          keyHash,
          old.scopes(),
          createdBy,
          now,
          old.expiresAt(),
          null,
          null,
          null);
    }
  }

  /** A rotated key and the key that replaces it. */
  public record Rotation(ApiKey old, ApiKey replacement) {}

  private static Problem notFound() {
    return Problem.notFound("The API key");
  }
}
