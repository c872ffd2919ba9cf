package dev.atrium.persistence.requests;

import static dev.atrium.persistence.jooq.Tables.REQUEST_LOGS;
import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.jooq.tables.records.RequestLogsRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;

/** The request log: batches of lines written behind the requests, listed per tenant. */
public final class RequestLogRepository {
  private final DSLContext dsl;

  public RequestLogRepository(DSLContext dsl) {
    this.dsl = requireNonNull(dsl, "dsl is null");
  }

  /** Stores {@code entries} in one batch statement. */
  public void append(List<RequestLogEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    List<RequestLogsRecord> records = new ArrayList<>(entries.size());
    for (RequestLogEntry e : entries) {
      records.add(
          new RequestLogsRecord(
              e.tenantId(),
              e.requestId(),
              e.occurredAt(),
              e.keyId(),
              e.method(),
              e.route(),
              e.status(),
              e.latencyMicros(),
              e.tokens(),
              e.cost(),
              e.errorCode()));
    }
    dsl.batchInsert(records).execute();
  }

  /** The tenant's lines that {@code filter} selects, newest first, at most its limit. */
  public List<RequestLogEntry> list(UUID tenantId, RequestLogFilter filter) {
    Condition where = REQUEST_LOGS.TENANT_ID.eq(requireNonNull(tenantId, "tenantId is null"));
    if (filter.from() != null) {
      where = where.and(REQUEST_LOGS.OCCURRED_AT.ge(filter.from()));
    }
    if (filter.to() != null) {
      where = where.and(REQUEST_LOGS.OCCURRED_AT.lt(filter.to()));
    }
    if (filter.keyId() != null) {
      where = where.and(REQUEST_LOGS.KEY_ID.eq(filter.keyId()));
    }
    if (filter.statusClass() != null) {
      int low = filter.statusClass() * 100;
      where = where.and(REQUEST_LOGS.STATUS.between(low, low + 99));
    }
    if (filter.route() != null) {
      where = where.and(REQUEST_LOGS.ROUTE.eq(filter.route()));
    }
    if (filter.requestId() != null) {
      where = where.and(REQUEST_LOGS.REQUEST_ID.eq(filter.requestId()));
    }
    if (filter.before() != null) {
      where = where.and(REQUEST_LOGS.REQUEST_ID.lt(filter.before()));
    }
    return dsl.selectFrom(REQUEST_LOGS)
        .where(where)
        .orderBy(REQUEST_LOGS.REQUEST_ID.desc())
        .limit(filter.limit())
        .fetch(
            r ->
                new RequestLogEntry(
                    r.getTenantId(),
                    r.getRequestId(),
                    r.getOccurredAt(),
                    r.getKeyId(),
                    r.getMethod(),
                    r.getRoute(),
                    r.getStatus(),
                    r.getLatencyMicros(),
                    r.getTokens(),
                    r.getCost(),
                    r.getErrorCode()));
  }
}
