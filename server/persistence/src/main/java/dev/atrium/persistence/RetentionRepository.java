package dev.atrium.persistence;

import static dev.atrium.persistence.jooq.Tables.AUDIT_EVENTS;
import static dev.atrium.persistence.jooq.Tables.PLUGIN_DOCUMENTS;
import static dev.atrium.persistence.jooq.Tables.TENANT_RETENTION;
import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Per-tenant retention of stored conversations and the audit log, and the purge that applies it.
 * Conversations are plugin documents in collections whose name ends in {@code conversations}.
 */
public final class RetentionRepository {
  /** The collections that hold stored conversations end with this. */
  public static final String CONVERSATIONS = "conversations";

  /** A tenant's retention in days; null keeps until deleted. */
  public record Retention(Integer conversationDays, Integer auditLogDays) {
    public static final Retention KEEP = new Retention(null, null);
  }

  /** What one purge deleted. */
  public record Purged(int conversations, int auditEvents) {}

  private final DSLContext dsl;

  public RetentionRepository(DSLContext dsl) {
    this.dsl = requireNonNull(dsl, "dsl is null");
  }

  public Retention find(UUID tenantId) {
    return Optional.ofNullable(
            dsl.selectFrom(TENANT_RETENTION)
                .where(TENANT_RETENTION.TENANT_ID.eq(tenantId))
                .fetchOne())
        .map(r -> new Retention(r.getConversationDays(), r.getAuditLogDays()))
        .orElse(Retention.KEEP);
  }

  /** Replaces the tenant's retention (delete and insert: portable, no upsert). */
  public void save(UUID tenantId, Retention retention, OffsetDateTime now) {
    dsl.deleteFrom(TENANT_RETENTION).where(TENANT_RETENTION.TENANT_ID.eq(tenantId)).execute();
    dsl.insertInto(TENANT_RETENTION)
        .set(TENANT_RETENTION.TENANT_ID, tenantId)
        .set(TENANT_RETENTION.CONVERSATION_DAYS, retention.conversationDays())
        .set(TENANT_RETENTION.AUDIT_LOG_DAYS, retention.auditLogDays())
        .set(TENANT_RETENTION.UPDATED_AT, now)
        .execute();
  }

  /** Deletes, for every tenant with a retention, what is older than it at {@code now}. */
  public Purged purge(OffsetDateTime now) {
    int conversations = 0;
    int auditEvents = 0;
    for (var r : dsl.selectFrom(TENANT_RETENTION).fetch()) {
      if (r.getConversationDays() != null) {
        conversations +=
            dsl.deleteFrom(PLUGIN_DOCUMENTS)
                .where(PLUGIN_DOCUMENTS.TENANT_ID.eq(r.getTenantId()))
                .and(PLUGIN_DOCUMENTS.COLLECTION.endsWith(CONVERSATIONS))
                .and(PLUGIN_DOCUMENTS.UPDATED_AT.lt(now.minusDays(r.getConversationDays())))
                .execute();
      }
      if (r.getAuditLogDays() != null) {
        auditEvents +=
            dsl.deleteFrom(AUDIT_EVENTS)
                .where(AUDIT_EVENTS.TENANT_ID.eq(r.getTenantId()))
                .and(AUDIT_EVENTS.OCCURRED_AT.lt(now.minusDays(r.getAuditLogDays())))
                .execute();
      }
    }
    return new Purged(conversations, auditEvents);
  }
}
