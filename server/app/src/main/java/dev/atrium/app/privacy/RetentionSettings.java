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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each tenant's retention of stored conversations, drafts, request log lines and the audit log:
 * reading and changing it (with its audit entry), and the purge that applies it.
 */
public final class RetentionSettings {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionSettings.class);

  private final Db db;
  private final int requestLogMaxDays;

  /**
   * {@code requestLogMaxDays} is the platform's {@code request-log.retention-days}: the longest any
   * tenant's request log lines are kept, and so the most a tenant may ask for.
   */
  public RetentionSettings(Db db, int requestLogMaxDays) {
    this.db = requireNonNull(db, "db is null");
    if (requestLogMaxDays < 1) {
      throw new IllegalArgumentException("requestLogMaxDays must be positive");
    }
    this.requestLogMaxDays = requestLogMaxDays;
  }

  /** The longest a tenant's request log lines are kept. */
  public int requestLogMaxDays() {
    return requestLogMaxDays;
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

  /** Deletes what is older than its tenant's retention; logs what it deleted, if anything. */
  public Future<Purged> purge(OffsetDateTime now) {
    return db.transaction(dsl -> new RetentionRepository(dsl).purge(now, requestLogMaxDays))
        .onSuccess(
            p -> {
              if (p.conversations() + p.drafts() + p.requestLogLines() + p.auditEvents() > 0) {
                LOG.info(
                    "Retention purge deleted {} conversations, {} drafts, {} request log lines and"
                        + " {} audit entries",
                    p.conversations(),
                    p.drafts(),
                    p.requestLogLines(),
                    p.auditEvents());
              }
            })
        .onFailure(e -> LOG.warn("Retention purge failed: {}", e.getMessage()));
  }
}
