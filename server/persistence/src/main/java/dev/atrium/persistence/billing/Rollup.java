package dev.atrium.persistence.billing;

import static dev.atrium.persistence.jooq.Tables.USAGE_DAILY;
import static dev.atrium.persistence.jooq.Tables.USAGE_HOURLY;

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
import org.jooq.InsertValuesStep8;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * One rollup table (hourly or daily) described by its generated fields, so that adding events and
 * reporting are written once for both. {@code bucketOf} maps an event time to its bucket.
 */
record Rollup<R extends Record, B>(
    Table<R> table,
    Field<UUID> tenant,
    Field<B> bucket,
    Field<String> meter,
    Field<String> plugin,
    Field<String> model,
    Field<UUID> key,
    Field<Long> quantity,
    Field<Long> events,
    Function<OffsetDateTime, B> bucketOf) {

  static final Rollup<?, OffsetDateTime> HOURLY =
      new Rollup<>(
          USAGE_HOURLY,
          USAGE_HOURLY.TENANT_ID,
          USAGE_HOURLY.BUCKET_HOUR,
          USAGE_HOURLY.METER,
          USAGE_HOURLY.PLUGIN,
          USAGE_HOURLY.MODEL,
          USAGE_HOURLY.KEY_ID,
          USAGE_HOURLY.QUANTITY,
          USAGE_HOURLY.EVENTS,
          t -> t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS));

  static final Rollup<?, LocalDate> DAILY =
      new Rollup<>(
          USAGE_DAILY,
          USAGE_DAILY.TENANT_ID,
          USAGE_DAILY.BUCKET_DAY,
          USAGE_DAILY.METER,
          USAGE_DAILY.PLUGIN,
          USAGE_DAILY.MODEL,
          USAGE_DAILY.KEY_ID,
          USAGE_DAILY.QUANTITY,
          USAGE_DAILY.EVENTS,
          t -> t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate());

  private record Cell<B>(
      UUID tenant, B bucket, String meter, String plugin, String model, UUID key) {}

  /**
   * Adds {@code fresh} (events just stored) to the rollup: one batched UPDATE per cell, then one
   * multi-row INSERT for the cells that did not exist yet. Runs in the caller's transaction.
   */
  void add(DSLContext dsl, List<UsageEvent> fresh) {
    Map<Cell<B>, long[]> sums = new LinkedHashMap<>();
    for (UsageEvent e : fresh) {
      Cell<B> cell =
          new Cell<>(
              e.tenantId(),
              bucketOf.apply(e.occurredAt()),
              e.meter(),
              e.plugin(),
              e.model(),
              e.keyId());
      long[] sum = sums.computeIfAbsent(cell, c -> new long[2]);
      sum[0] += e.quantity();
      sum[1]++;
    }
    List<Cell<B>> cells = new ArrayList<>(sums.keySet());
    Cell<B> first = cells.get(0);
    BatchBindStep updates =
        dsl.batch(
            dsl.update(table)
                .set(quantity, quantity.plus(0L))
                .set(events, events.plus(0L))
                .where(tenant.eq(first.tenant()))
                .and(bucket.eq(first.bucket()))
                .and(meter.eq(first.meter()))
                .and(plugin.eq(first.plugin()))
                .and(model.eq(first.model()))
                .and(key.eq(first.key())));
    for (Cell<B> c : cells) {
      long[] sum = sums.get(c);
      updates.bind(
          sum[0], sum[1], c.tenant(), c.bucket(), c.meter(), c.plugin(), c.model(), c.key());
    }
    int[] updated = updates.execute();
    InsertValuesStep8<R, UUID, B, String, String, String, UUID, Long, Long> insert =
        dsl.insertInto(table, tenant, bucket, meter, plugin, model, key, quantity, events);
    boolean any = false;
    for (int i = 0; i < cells.size(); i++) {
      if (updated[i] == 0) {
        Cell<B> c = cells.get(i);
        long[] sum = sums.get(c);
        insert =
            insert.values(
                c.tenant(), c.bucket(), c.meter(), c.plugin(), c.model(), c.key(), sum[0], sum[1]);
        any = true;
      }
    }
    if (any) {
      insert.execute();
    }
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
          case PLUGIN -> plugin;
          case MODEL -> model;
          case KEY -> key;
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
