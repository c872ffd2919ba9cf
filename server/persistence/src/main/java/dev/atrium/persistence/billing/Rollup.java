package dev.atrium.persistence.billing;

import static dev.atrium.persistence.jooq.Tables.USAGE_DAILY;
import static dev.atrium.persistence.jooq.Tables.USAGE_HOURLY;
import static dev.atrium.persistence.jooq.Tables.USAGE_METER_DAILY;
import static dev.atrium.persistence.jooq.Tables.USAGE_METER_HOURLY;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * One rollup table described by its generated fields, so that adding events and reporting are
 * written once for all of them: a cell is a tenant, a time bucket ({@code bucketOf} maps an event
 * time to it), a meter and the rollup's {@code details} (plugin, model and key in the wide rollups,
 * none in the narrow ones), holding the summed quantity and the number of events.
 */
record Rollup<R extends Record, B>(
    Table<R> table,
    Field<UUID> tenant,
    Field<B> bucket,
    Field<String> meter,
    List<Detail<?>> details,
    Field<Long> quantity,
    Field<Long> events,
    Function<OffsetDateTime, B> bucketOf) {

  /** A column of the cell beyond tenant, bucket and meter, and the grouping that reads it. */
  record Detail<T>(UsageGrouping grouping, Field<T> field, Function<UsageEvent, T> valueOf) {}

  private static final Function<OffsetDateTime, OffsetDateTime> HOUR =
      t -> t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
  private static final Function<OffsetDateTime, LocalDate> DAY =
      t -> t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();

  /** Per tenant, hour, meter, plugin, model and key. */
  static final Rollup<?, OffsetDateTime> HOURLY =
      new Rollup<>(
          USAGE_HOURLY,
          USAGE_HOURLY.TENANT_ID,
          USAGE_HOURLY.BUCKET_HOUR,
          USAGE_HOURLY.METER,
          List.of(
              new Detail<>(UsageGrouping.PLUGIN, USAGE_HOURLY.PLUGIN, UsageEvent::plugin),
              new Detail<>(UsageGrouping.MODEL, USAGE_HOURLY.MODEL, UsageEvent::model),
              new Detail<>(UsageGrouping.KEY, USAGE_HOURLY.KEY_ID, UsageEvent::keyId)),
          USAGE_HOURLY.QUANTITY,
          USAGE_HOURLY.EVENTS,
          HOUR);

  /** Per tenant, day, meter, plugin, model and key. */
  static final Rollup<?, LocalDate> DAILY =
      new Rollup<>(
          USAGE_DAILY,
          USAGE_DAILY.TENANT_ID,
          USAGE_DAILY.BUCKET_DAY,
          USAGE_DAILY.METER,
          List.of(
              new Detail<>(UsageGrouping.PLUGIN, USAGE_DAILY.PLUGIN, UsageEvent::plugin),
              new Detail<>(UsageGrouping.MODEL, USAGE_DAILY.MODEL, UsageEvent::model),
              new Detail<>(UsageGrouping.KEY, USAGE_DAILY.KEY_ID, UsageEvent::keyId)),
          USAGE_DAILY.QUANTITY,
          USAGE_DAILY.EVENTS,
          DAY);

  /** Per tenant, hour and meter: the reports by hour, day or meter over hours. */
  static final Rollup<?, OffsetDateTime> METER_HOURLY =
      new Rollup<>(
          USAGE_METER_HOURLY,
          USAGE_METER_HOURLY.TENANT_ID,
          USAGE_METER_HOURLY.BUCKET_HOUR,
          USAGE_METER_HOURLY.METER,
          List.of(),
          USAGE_METER_HOURLY.QUANTITY,
          USAGE_METER_HOURLY.EVENTS,
          HOUR);

  /** Per tenant, day and meter: the reports by day or meter over whole days. */
  static final Rollup<?, LocalDate> METER_DAILY =
      new Rollup<>(
          USAGE_METER_DAILY,
          USAGE_METER_DAILY.TENANT_ID,
          USAGE_METER_DAILY.BUCKET_DAY,
          USAGE_METER_DAILY.METER,
          List.of(),
          USAGE_METER_DAILY.QUANTITY,
          USAGE_METER_DAILY.EVENTS,
          DAY);

  /** Every rollup the ledger keeps equal to the events. */
  static final List<Rollup<?, ?>> ALL = List.of(HOURLY, DAILY, METER_HOURLY, METER_DAILY);

  /** Whether a report grouped by {@code by} (and meter) can be read from this rollup. */
  boolean groups(UsageGrouping by) {
    return switch (by) {
      case HOUR, DAY, METER -> true;
      default -> details.stream().anyMatch(d -> d.grouping() == by);
    };
  }

  /** The cell's columns: tenant, bucket, meter, then the details. */
  private List<Field<?>> cellFields() {
    List<Field<?>> fields = new ArrayList<>(List.of(tenant, bucket, meter));
    details.forEach(d -> fields.add(d.field()));
    return fields;
  }

  /** The cell {@code e} falls in, its values in the order of {@link #cellFields}. */
  private List<Object> cellOf(UsageEvent e) {
    List<Object> cell =
        new ArrayList<>(List.of(e.tenantId(), bucketOf.apply(e.occurredAt()), e.meter()));
    details.forEach(d -> cell.add(d.valueOf().apply(e)));
    return cell;
  }

  /**
   * Adds {@code fresh} (events just stored) to the rollup: one batched UPDATE per cell, then one
   * multi-row INSERT for the cells that did not exist yet. Runs in the caller's transaction.
   */
  void add(DSLContext dsl, List<UsageEvent> fresh) {
    Map<List<Object>, long[]> sums = new LinkedHashMap<>();
    for (UsageEvent e : fresh) {
      long[] sum = sums.computeIfAbsent(cellOf(e), c -> new long[2]);
      sum[0] += e.quantity();
      sum[1]++;
    }
    List<Field<?>> fields = cellFields();
    List<List<Object>> cells = new ArrayList<>(sums.keySet());
    List<Object> first = cells.get(0);
    List<Condition> sameCell = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      sameCell.add(equal(fields.get(i), first.get(i)));
    }
    BatchBindStep updates =
        dsl.batch(
            dsl.update(table)
                .set(quantity, quantity.plus(0L))
                .set(events, events.plus(0L))
                .where(sameCell));
    for (List<Object> c : cells) {
      long[] sum = sums.get(c);
      List<Object> values = new ArrayList<>(List.of(sum[0], sum[1]));
      values.addAll(c);
      updates.bind(values.toArray());
    }
    int[] updated = updates.execute();
    List<Field<?>> columns = new ArrayList<>(fields);
    columns.add(quantity);
    columns.add(events);
    InsertValuesStepN<R> insert = dsl.insertInto(table).columns(columns);
    boolean any = false;
    for (int i = 0; i < cells.size(); i++) {
      if (updated[i] == 0) {
        List<Object> row = new ArrayList<>(cells.get(i));
        long[] sum = sums.get(cells.get(i));
        row.add(sum[0]);
        row.add(sum[1]);
        insert = insert.values(row);
        any = true;
      }
    }
    if (any) {
      insert.execute();
    }
  }

  private static <T> Condition equal(Field<T> field, Object value) {
    return field.eq(field.getType().cast(value));
  }

  /** Sums over [from, to) grouped by meter and {@code by}; {@code tenantId} null means all. */
  List<UsageGroup> report(
      DSLContext dsl,
      UUID tenantId,
      B from,
      B to,
      UsageGrouping by,
      Function<Object, String> text) {
    Field<?> group =
        switch (by) {
          case HOUR, DAY -> bucket;
          case METER -> null;
          default ->
              details.stream()
                  .filter(d -> d.grouping() == by)
                  .findFirst()
                  .orElseThrow(() -> new IllegalArgumentException(table + " has no " + by))
                  .field();
        };
    List<Field<?>> groupBy = new ArrayList<>();
    if (tenantId == null) {
      groupBy.add(tenant);
    }
    if (group != null) {
      groupBy.add(group);
    }
    groupBy.add(meter);
    Field<BigDecimal> sumQuantity = DSL.sum(quantity);
    Field<BigDecimal> sumEvents = DSL.sum(events);
    List<SelectField<?>> select = new ArrayList<>(groupBy);
    select.add(sumQuantity);
    select.add(sumEvents);
    Condition scope = tenantId == null ? DSL.noCondition() : tenant.eq(tenantId);
    Map<List<Object>, long[]> merged = new LinkedHashMap<>();
    dsl.select(select)
        .from(table)
        .where(scope)
        .and(bucket.ge(from))
        .and(bucket.lt(to))
        .groupBy(groupBy)
        .orderBy(groupBy)
        .fetch()
        .forEach(
            r -> {
              List<Object> id =
                  List.of(
                      tenantId == null ? r.get(tenant) : tenantId,
                      group == null ? "" : text.apply(r.get(group)),
                      r.get(meter));
              long[] sum = merged.computeIfAbsent(id, k -> new long[2]);
              sum[0] += r.get(sumQuantity).longValue();
              sum[1] += r.get(sumEvents).longValue();
            });
    List<UsageGroup> rows = new ArrayList<>();
    merged.forEach(
        (id, sum) ->
            rows.add(
                new UsageGroup(
                    tenantId == null ? (UUID) id.get(0) : null,
                    (String) id.get(1),
                    (String) id.get(2),
                    sum[0],
                    sum[1])));
    return rows;
  }
}
