package dev.atrium.persistence;

import static dev.atrium.persistence.jooq.Tables.API_KEYS;
import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.jooq.tables.records.ApiKeysRecord;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** API keys of a tenant, stored as hashes. */
public final class ApiKeyRepository {
  private final DSLContext dsl;

  public ApiKeyRepository(DSLContext dsl) {
    this.dsl = requireNonNull(dsl, "dsl is null");
  }

  public void insert(ApiKey key) {
    dsl.insertInto(API_KEYS)
        .set(API_KEYS.ID, key.id())
        .set(API_KEYS.TENANT_ID, key.tenantId())
        .set(API_KEYS.NAME, key.name())
        .set(API_KEYS.PREFIX, key.prefix())
        .set(API_KEYS.KEY_HASH, key.keyHash())
        .set(API_KEYS.SCOPES, String.join(" ", key.scopes()))
        .set(API_KEYS.CREATED_BY, key.createdBy())
        .set(API_KEYS.CREATED_AT, key.createdAt())
        .set(API_KEYS.EXPIRES_AT, key.expiresAt())
        .execute();
  }

  /** The authentication lookup: by hash, across tenants (the hash identifies the tenant). */
  public Optional<ApiKey> findByHash(String keyHash) {
    return dsl.selectFrom(API_KEYS)
        .where(API_KEYS.KEY_HASH.eq(keyHash))
        .fetchOptional()
        .map(ApiKeyRepository::toApiKey);
  }

  public Optional<ApiKey> find(UUID tenantId, UUID keyId) {
    return dsl.selectFrom(API_KEYS)
        .where(API_KEYS.TENANT_ID.eq(tenantId))
        .and(API_KEYS.ID.eq(keyId))
        .fetchOptional()
        .map(ApiKeyRepository::toApiKey);
  }

  public List<ApiKey> list(UUID tenantId) {
    return dsl.selectFrom(API_KEYS)
        .where(API_KEYS.TENANT_ID.eq(tenantId))
        .orderBy(API_KEYS.CREATED_AT.desc(), API_KEYS.ID)
        .fetch(ApiKeyRepository::toApiKey);
  }

  /** Marks the key revoked at {@code now} unless it already was; returns true if it changed. */
  public boolean revoke(UUID tenantId, UUID keyId, OffsetDateTime now) {
    return dsl.update(API_KEYS)
            .set(API_KEYS.REVOKED_AT, now)
            .where(API_KEYS.TENANT_ID.eq(tenantId))
            .and(API_KEYS.ID.eq(keyId))
            .and(API_KEYS.REVOKED_AT.isNull())
            .execute()
        == 1;
  }

  /** Records that {@code keyId} was rotated to {@code replacementId} and now expires early. */
  public void markReplaced(
      UUID tenantId, UUID keyId, UUID replacementId, OffsetDateTime expiresAt) {
    dsl.update(API_KEYS)
        .set(API_KEYS.REPLACED_BY, replacementId)
        .set(API_KEYS.EXPIRES_AT, expiresAt)
        .where(API_KEYS.TENANT_ID.eq(tenantId))
        .and(API_KEYS.ID.eq(keyId))
        .execute();
  }

  /** Writes last-use times collected in memory, in one batch. */
  public void recordLastUse(Map<UUID, OffsetDateTime> lastUseByKey) {
    if (lastUseByKey.isEmpty()) {
      return;
    }
    dsl.batch(
            lastUseByKey.entrySet().stream()
                .map(
                    e ->
                        dsl.update(API_KEYS)
                            .set(API_KEYS.LAST_USED_AT, e.getValue())
                            .where(API_KEYS.ID.eq(e.getKey())))
                .toList())
        .execute();
  }

  private static ApiKey toApiKey(ApiKeysRecord r) {
    List<String> scopes =
        r.getScopes().isBlank() ? List.of() : Arrays.asList(r.getScopes().split(" "));
    return new ApiKey(
        r.getId(),
        r.getTenantId(),
        r.getName(),
        r.getPrefix(),
        r.getKeyHash(),
        scopes,
        r.getCreatedBy(),
        r.getCreatedAt(),
        r.getExpiresAt(),
        r.getLastUsedAt(),
        r.getRevokedAt(),
        r.getReplacedBy());
  }
}
