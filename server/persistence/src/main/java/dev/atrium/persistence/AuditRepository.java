package dev.atrium.persistence;

import static dev.atrium.persistence.jooq.Tables.AUDIT_EVENTS;
import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.jooq.tables.records.AuditEventsRecord;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The append-only audit log. */
public final class AuditRepository {
  private final DSLContext dsl;

  public AuditRepository(DSLContext dsl) {
    this.dsl = requireNonNull(dsl, "dsl is null");
  }

  public void append(AuditEvent event) {
    dsl.insertInto(AUDIT_EVENTS)
        .set(AUDIT_EVENTS.TENANT_ID, event.tenantId())
        .set(AUDIT_EVENTS.ACTOR, event.actor())
        .set(AUDIT_EVENTS.ACTION, event.action())
        .set(AUDIT_EVENTS.TARGET, event.target())
        .set(AUDIT_EVENTS.IP, event.ip())
        .set(AUDIT_EVENTS.DETAILS, event.details())
        .set(AUDIT_EVENTS.OCCURRED_AT, event.occurredAt())
        .execute();
  }

  /**
   * Newest first. {@code tenantId} null means platform events only (the operator's view); pass
   * {@code beforeId} from the last entry of a page to get the next page.
   */
  public List<AuditEvent> list(UUID tenantId, Long beforeId, int limit) {
    Condition tenant =
        tenantId == null ? AUDIT_EVENTS.TENANT_ID.isNull() : AUDIT_EVENTS.TENANT_ID.eq(tenantId);
    Condition page = beforeId == null ? DSL.noCondition() : AUDIT_EVENTS.ID.lt(beforeId);
    return dsl.selectFrom(AUDIT_EVENTS)
        .where(tenant)
        .and(page)
        .orderBy(AUDIT_EVENTS.ID.desc())
        .limit(limit)
        .fetch(AuditRepository::toEvent);
  }

  private static AuditEvent toEvent(AuditEventsRecord r) {
    return new AuditEvent(
        r.getId(),
        r.getTenantId(),
        r.getActor(),
        r.getAction(),
        r.getTarget(),
        r.getIp(),
        r.getDetails(),
        r.getOccurredAt());
  }
}
