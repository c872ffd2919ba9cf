package dev.atrium.persistence.requests;

import static dev.atrium.persistence.jooq.Tables.REQUEST_LOGS;
import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;

/** The request log: batches of lines written behind the requests, listed per tenant. */
public final class RequestLogRepository {
  private final DSLContext dsl;

  public RequestLogRepository(DSLContext dsl) {
    this.dsl = requireNonNull(dsl, "dsl is null");
  }

  /**
   * Stores {@code entries} as one JDBC batch of one prepared INSERT, rendered once and bound per
   * line (a batch of records would render its SQL again for every line).
   */
  public void append(List<RequestLogEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    BatchBindStep batch =
        dsl.batch(
            dsl.insertInto(
                    REQUEST_LOGS,
                    REQUEST_LOGS.TENANT_ID,
                    REQUEST_LOGS.REQUEST_ID,
                    REQUEST_LOGS.OCCURRED_AT,
                    REQUEST_LOGS.KEY_ID,
                    REQUEST_LOGS.METHOD,
                    REQUEST_LOGS.ROUTE,
                    REQUEST_LOGS.STATUS,
                    REQUEST_LOGS.LATENCY_MICROS,
                    REQUEST_LOGS.TOKENS,
                    REQUEST_LOGS.COST,
                    REQUEST_LOGS.ERROR_CODE)
                .values(
                    (UUID) null,
                    (UUID) null,
                    (OffsetDateTime) null,
                    (UUID) null,
                    (String) null,
                    (String) null,
                    (Integer) null,
                    (Long) null,
                    (Long) null,
                    (BigDecimal) null,
                    (String) null));
    for (RequestLogEntry e : entries) {
      batch.bind(
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
          e.errorCode());
    }
    batch.execute();
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
