package dev.atrium.persistence.billing;

import static dev.atrium.persistence.jooq.Tables.USAGE_DAILY;
import static dev.atrium.persistence.jooq.Tables.USAGE_EVENTS;
import static dev.atrium.persistence.jooq.Tables.USAGE_METER_DAILY;
import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.BulkInsert;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Row2;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The usage ledger's storage: raw events (unique per tenant and idempotency key) and the rollups
 * (hourly and daily, wide with plugin, model and key, narrow per meter alone), kept equal to the
 * events by writing them all in one transaction.
 */
public final class UsageRepository {
  private static final List<String> EVENT_COLUMNS =
      List.of(
          USAGE_EVENTS.TENANT_ID.getName(),
          USAGE_EVENTS.IDEMPOTENCY_KEY.getName(),
          USAGE_EVENTS.KEY_ID.getName(),
          USAGE_EVENTS.PLUGIN.getName(),
          USAGE_EVENTS.MODEL.getName(),
          USAGE_EVENTS.METER.getName(),
          USAGE_EVENTS.QUANTITY.getName(),
          USAGE_EVENTS.OCCURRED_AT.getName());

  private final DSLContext dsl;

  public UsageRepository(DSLContext dsl) {
    this.dsl = requireNonNull(dsl, "dsl is null");
  }

  private record EventId(UUID tenantId, String idempotencyKey) {
    static EventId of(UsageEvent e) {
      return new EventId(e.tenantId(), e.idempotencyKey());
    }
  }

  /**
   * Stores the events not stored before (by tenant and idempotency key; the first of duplicates in
   * {@code batch} wins) and adds them to the rollups. Run it in a transaction; returns the events
   * it stored. A concurrent writer storing the same key makes the transaction fail on the primary
   * key, and a retry then skips it.
   */
  public List<UsageEvent> append(List<UsageEvent> batch) {
    Map<EventId, UsageEvent> unique = unique(batch);
    if (unique.isEmpty()) {
      return List.of();
    }
    // A join on the whole primary key, one index lookup per event: an IN list on the key column
    // would make H2 scan every event of the tenant.
    Table<Record2<UUID, String>> wanted =
        DSL.values(
                unique.keySet().stream()
                    .map(id -> DSL.row(id.tenantId(), id.idempotencyKey()))
                    .toArray(Row2[]::new))
            .as("wanted", "tenant_id", "idempotency_key");
    Field<UUID> wantedTenant = wanted.field("tenant_id", UUID.class);
    Field<String> wantedKey = wanted.field("idempotency_key", String.class);
    Set<EventId> stored =
        dsl.select(USAGE_EVENTS.TENANT_ID, USAGE_EVENTS.IDEMPOTENCY_KEY)
            .from(wanted)
            .join(USAGE_EVENTS)
            .on(USAGE_EVENTS.TENANT_ID.eq(wantedTenant))
            .and(USAGE_EVENTS.IDEMPOTENCY_KEY.eq(wantedKey))
            .fetchSet(r -> new EventId(r.value1(), r.value2()));
    List<UsageEvent> fresh =
        unique.values().stream().filter(e -> !stored.contains(EventId.of(e))).toList();
    return store(fresh);
  }

  /**
   * Stores events whose keys are all new, and adds them to the rollups: the fast path of {@link
   * #append}, with no lookup first and the rows sent in bulk (COPY on PostgreSQL). Run it in a
   * transaction. The first of duplicates in {@code batch} wins; a key stored before fails the
   * statement with a unique violation (SQL state 23505), and the transaction must then be rolled
   * back and the batch stored with {@link #append}. Returns the events it stored.
   */
  public List<UsageEvent> appendNew(List<UsageEvent> batch) {
    return store(List.copyOf(unique(batch).values()));
  }

  /** The events stored in bulk and added to the rollups, in the caller's transaction. */
  private List<UsageEvent> store(List<UsageEvent> fresh) {
    if (fresh.isEmpty()) {
      return fresh;
    }
    dsl.connection(
        c -> {
          try (BulkInsert insert = BulkInsert.open(c, USAGE_EVENTS.getName(), EVENT_COLUMNS)) {
            for (UsageEvent e : fresh) {
              insert.row(
                  e.tenantId(),
                  e.idempotencyKey(),
                  e.keyId(),
                  e.plugin(),
                  e.model(),
                  e.meter(),
                  e.quantity(),
                  e.occurredAt());
            }
          } catch (SQLException e) {
            // The database's own message and SQL state, not a wrapper's.
            throw new DataAccessException(e.getMessage(), e);
          }
        });
    Rollup.ALL.forEach(rollup -> rollup.add(dsl, fresh));
    return fresh;
  }

  /** The batch's events by key, the first of duplicates winning, in order. */
  private static Map<EventId, UsageEvent> unique(List<UsageEvent> batch) {
    Map<EventId, UsageEvent> unique = new LinkedHashMap<>();
    batch.forEach(e -> unique.putIfAbsent(EventId.of(e), e));
    return unique;
  }

  /** Stores one event with a plain INSERT and no rollup: the naive baseline of the benchmark. */
  public void insertOne(UsageEvent e) {
    dsl.insertInto(USAGE_EVENTS)
        .set(USAGE_EVENTS.TENANT_ID, e.tenantId())
        .set(USAGE_EVENTS.IDEMPOTENCY_KEY, e.idempotencyKey())
        .set(USAGE_EVENTS.KEY_ID, e.keyId())
        .set(USAGE_EVENTS.PLUGIN, e.plugin())
        .set(USAGE_EVENTS.MODEL, e.model())
        .set(USAGE_EVENTS.METER, e.meter())
        .set(USAGE_EVENTS.QUANTITY, e.quantity())
        .set(USAGE_EVENTS.OCCURRED_AT, e.occurredAt())
        .execute();
  }

  /** Units of {@code meter} a tenant used on the days [from, to), from the daily meter rollup. */
  public long total(UUID tenantId, String meter, LocalDate from, LocalDate to) {
    Record1<BigDecimal> sum =
        dsl.select(DSL.sum(USAGE_METER_DAILY.QUANTITY))
            .from(USAGE_METER_DAILY)
            .where(USAGE_METER_DAILY.TENANT_ID.eq(tenantId))
            .and(USAGE_METER_DAILY.BUCKET_DAY.ge(from))
            .and(USAGE_METER_DAILY.BUCKET_DAY.lt(to))
            .and(USAGE_METER_DAILY.METER.eq(meter))
            .fetchOne();
    return sum == null || sum.value1() == null ? 0 : sum.value1().longValue();
  }

  /** A tenant's usage per meter and plugin on the days [from, to), for invoices. */
  public List<MeterUsage> totals(UUID tenantId, LocalDate from, LocalDate to) {
    var sum = DSL.sum(USAGE_DAILY.QUANTITY);
    return dsl.select(USAGE_DAILY.METER, USAGE_DAILY.PLUGIN, sum)
        .from(USAGE_DAILY)
        .where(USAGE_DAILY.TENANT_ID.eq(tenantId))
        .and(USAGE_DAILY.BUCKET_DAY.ge(from))
        .and(USAGE_DAILY.BUCKET_DAY.lt(to))
        .groupBy(USAGE_DAILY.METER, USAGE_DAILY.PLUGIN)
        .orderBy(USAGE_DAILY.METER, USAGE_DAILY.PLUGIN)
        .fetch(r -> new MeterUsage(r.value1(), r.value2(), r.value3().longValue()));
  }

  /**
   * A usage report over [from, to) grouped by meter and {@code by}, for one tenant or (null) all.
   * Reads a daily rollup when both ends are midnight UTC and the grouping is not by hour, else an
   * hourly rollup (the ends must then be whole hours); the narrow rollups per meter when the
   * grouping needs no plugin, model or key, the wide ones when it does.
   */
  public List<UsageGroup> report(
      UUID tenantId, OffsetDateTime from, OffsetDateTime to, UsageGrouping by) {
    Function<Object, String> text =
        value ->
            switch (value) {
              case LocalDate day -> day.toString();
              case OffsetDateTime hour ->
                  by == UsageGrouping.DAY ? utcDate(hour).toString() : utc(hour).toString();
              case UUID keyId -> UsageEvent.NO_KEY.equals(keyId) ? "" : keyId.toString();
              default -> String.valueOf(value);
            };
    boolean perMeter = Rollup.METER_HOURLY.groups(by);
    if (by != UsageGrouping.HOUR && isMidnight(from) && isMidnight(to)) {
      Rollup<?, LocalDate> daily = perMeter ? Rollup.METER_DAILY : Rollup.DAILY;
      return daily.report(dsl, tenantId, utcDate(from), utcDate(to), by, text);
    }
    Rollup<?, OffsetDateTime> hourly = perMeter ? Rollup.METER_HOURLY : Rollup.HOURLY;
    return hourly.report(dsl, tenantId, from, to, by, text);
  }

  /**
   * Deletes raw events older than {@code cutoff} (the rollups keep their sums); returns how many.
   */
  public int purgeBefore(OffsetDateTime cutoff) {
    return dsl.deleteFrom(USAGE_EVENTS).where(USAGE_EVENTS.OCCURRED_AT.lt(cutoff)).execute();
  }

  public long countEvents(UUID tenantId) {
    return dsl.fetchCount(USAGE_EVENTS, USAGE_EVENTS.TENANT_ID.eq(tenantId));
  }

  private static boolean isMidnight(OffsetDateTime t) {
    return utc(t).toLocalTime().equals(LocalTime.MIDNIGHT);
  }

  private static OffsetDateTime utc(OffsetDateTime t) {
    return t.withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static LocalDate utcDate(OffsetDateTime t) {
    return utc(t).toLocalDate();
  }
}
