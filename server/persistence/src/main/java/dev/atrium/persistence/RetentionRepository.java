package dev.atrium.persistence;

import static dev.atrium.persistence.jooq.Tables.AUDIT_EVENTS;
import static dev.atrium.persistence.jooq.Tables.PLUGIN_DOCUMENTS;
import static dev.atrium.persistence.jooq.Tables.REQUEST_LOGS;
import static dev.atrium.persistence.jooq.Tables.TENANTS;
import static dev.atrium.persistence.jooq.Tables.TENANT_RETENTION;
import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.jooq.tables.records.TenantRetentionRecord;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Per-tenant retention of stored conversations, drafts, request log lines and the audit log, and
 * the purge that applies it. Conversations and drafts are plugin documents in collections whose
 * name ends in {@code conversations} and {@code drafts}.
 */
public final class RetentionRepository {
  /** The collections that hold stored conversations end with this. */
  public static final String CONVERSATIONS = "conversations";

  /** The collections that hold drafts end with this. */
  public static final String DRAFTS = "drafts";

  /**
   * A tenant's retention in days; null keeps until deleted (request log lines: for the platform's
   * {@code request-log.retention-days}).
   */
  public record Retention(
      Integer conversationDays, Integer draftDays, Integer requestLogDays, Integer auditLogDays) {
    public static final Retention KEEP = new Retention(null, null, null, null);
  }

  /** What one purge deleted. */
  public record Purged(int conversations, int drafts, int requestLogLines, int auditEvents) {}

  private final DSLContext dsl;

  public RetentionRepository(DSLContext dsl) {
    this.dsl = requireNonNull(dsl, "dsl is null");
  }

  public Retention find(UUID tenantId) {
    return Optional.ofNullable(
            dsl.selectFrom(TENANT_RETENTION)
                .where(TENANT_RETENTION.TENANT_ID.eq(tenantId))
                .fetchOne())
        .map(
            r ->
                new Retention(
                    r.getConversationDays(),
                    r.getDraftDays(),
                    r.getRequestLogDays(),
                    r.getAuditLogDays()))
        .orElse(Retention.KEEP);
  }

  /** Replaces the tenant's retention (delete and insert: portable, no upsert). */
  public void save(UUID tenantId, Retention retention, OffsetDateTime now) {
    dsl.deleteFrom(TENANT_RETENTION).where(TENANT_RETENTION.TENANT_ID.eq(tenantId)).execute();
    dsl.insertInto(TENANT_RETENTION)
        .set(TENANT_RETENTION.TENANT_ID, tenantId)
        .set(TENANT_RETENTION.CONVERSATION_DAYS, retention.conversationDays())
        .set(TENANT_RETENTION.DRAFT_DAYS, retention.draftDays())
        .set(TENANT_RETENTION.REQUEST_LOG_DAYS, retention.requestLogDays())
        .set(TENANT_RETENTION.AUDIT_LOG_DAYS, retention.auditLogDays())
        .set(TENANT_RETENTION.UPDATED_AT, now)
        .execute();
  }

  /**
   * Deletes, for every tenant, what is older than its retention at {@code now}, and its request log
   * lines older than its {@code requestLogDays} or else {@code requestLogMaxDays}. The log is
   * purged tenant by tenant through its (tenant_id, occurred_at) index: it has no index on time
   * alone, which every request would pay for.
   */
  public Purged purge(OffsetDateTime now, int requestLogMaxDays) {
    Map<UUID, TenantRetentionRecord> retention =
        dsl.selectFrom(TENANT_RETENTION).fetchMap(TENANT_RETENTION.TENANT_ID);
    int conversations = 0;
    int drafts = 0;
    int requestLogLines = 0;
    int auditEvents = 0;
    for (UUID tenantId : dsl.select(TENANTS.ID).from(TENANTS).fetch(TENANTS.ID)) {
      TenantRetentionRecord r = retention.get(tenantId);
      int logDays =
          r == null || r.getRequestLogDays() == null
              ? requestLogMaxDays
              : Math.min(r.getRequestLogDays(), requestLogMaxDays);
      requestLogLines +=
          dsl.deleteFrom(REQUEST_LOGS)
              .where(REQUEST_LOGS.TENANT_ID.eq(tenantId))
              .and(REQUEST_LOGS.OCCURRED_AT.lt(now.minusDays(logDays)))
              .execute();
      if (r == null) {
        continue;
      }
      if (r.getConversationDays() != null) {
        conversations +=
            purgeDocuments(tenantId, CONVERSATIONS, now.minusDays(r.getConversationDays()));
      }
      if (r.getDraftDays() != null) {
        drafts += purgeDocuments(tenantId, DRAFTS, now.minusDays(r.getDraftDays()));
      }
      if (r.getAuditLogDays() != null) {
        auditEvents +=
            dsl.deleteFrom(AUDIT_EVENTS)
                .where(AUDIT_EVENTS.TENANT_ID.eq(tenantId))
                .and(AUDIT_EVENTS.OCCURRED_AT.lt(now.minusDays(r.getAuditLogDays())))
                .execute();
      }
    }
    return new Purged(conversations, drafts, requestLogLines, auditEvents);
  }

  /** Deletes the tenant's documents in collections ending in {@code suffix} last updated before. */
  private int purgeDocuments(UUID tenantId, String suffix, OffsetDateTime updatedBefore) {
    return dsl.deleteFrom(PLUGIN_DOCUMENTS)
        .where(PLUGIN_DOCUMENTS.TENANT_ID.eq(tenantId))
        .and(PLUGIN_DOCUMENTS.COLLECTION.endsWith(suffix))
        .and(PLUGIN_DOCUMENTS.UPDATED_AT.lt(updatedBefore))
        .execute();
  }
}
