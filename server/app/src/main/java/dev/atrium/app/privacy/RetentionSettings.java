package dev.atrium.app.privacy;

import static java.util.Objects.requireNonNull;

import dev.atrium.db.Db;
import dev.atrium.persistence.AuditEvent;
import dev.atrium.persistence.AuditRepository;
import dev.atrium.persistence.RetentionRepository;
import dev.atrium.persistence.RetentionRepository.Purged;
import dev.atrium.persistence.RetentionRepository.Retention;
import dev.atrium.shared.Principal;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Each tenant's retention of stored conversations and the audit log: reading and changing it (with
 * its audit entry), and the purge that applies it.
 */
public final class RetentionSettings {
  private final Db db;

  public RetentionSettings(Db db) {
    this.db = requireNonNull(db, "db is null");
  }

  public Future<Retention> find(UUID tenantId) {
    return db.read(dsl -> new RetentionRepository(dsl).find(tenantId));
  }

  /** Saves the caller's tenant's retention at {@code now}; {@code audited} describes it. */
  public Future<Retention> save(
      Principal caller, Retention retention, String audited, OffsetDateTime now) {
    UUID tenantId = caller.tenantId();
    return db.transaction(
        dsl -> {
          new RetentionRepository(dsl).save(tenantId, retention, now);
          new AuditRepository(dsl)
              .append(
                  new AuditEvent(
                      0,
                      tenantId,
                      caller.actor(),
                      "retention.changed",
                      "tenant:" + tenantId,
                      null,
                      audited,
                      now));
          return retention;
        });
  }

  /** Deletes stored conversations and audit entries older than their tenant's retention. */
  public Future<Purged> purge(OffsetDateTime now) {
    return db.transaction(dsl -> new RetentionRepository(dsl).purge(now));
  }
}
