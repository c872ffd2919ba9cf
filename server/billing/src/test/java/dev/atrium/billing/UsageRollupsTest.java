package dev.atrium.billing;

import static dev.atrium.persistence.jooq.Tables.USAGE_DAILY;
import static dev.atrium.persistence.jooq.Tables.USAGE_EVENTS;
import static dev.atrium.persistence.jooq.Tables.USAGE_HOURLY;
import static dev.atrium.persistence.jooq.Tables.USAGE_METER_DAILY;
import static dev.atrium.persistence.jooq.Tables.USAGE_METER_HOURLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.billing.TestDatabases.Kind;
import dev.atrium.persistence.Database;
import dev.atrium.persistence.billing.UsageEvent;
import dev.atrium.persistence.billing.UsageGroup;
import dev.atrium.persistence.billing.UsageGrouping;
import dev.atrium.persistence.billing.UsageRepository;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every rollup the ledger writes (wide per plugin, model and key; narrow per meter; hourly and
 * daily) equals the sum of the raw events it stored, after batches that mix new events with retries
 * and with duplicate idempotency keys; and every report, whichever rollup it reads, equals the same
 * report summed from the raw events.
 */
final class UsageRollupsTest {
  private static final OffsetDateTime T =
      OffsetDateTime.of(2027, 3, 10, 14, 30, 0, 0, ZoneOffset.UTC);
  private static final String[] METERS = {"requests", "embedding_tokens", "compute_ms.cpu"};
  private static final String[] PLUGINS = {"", "customer-service"};
  private static final String[] MODELS = {"", "all-minilm-l6-v2"};

  /**
   * Events of the tenants over three days, some written at +08:00, on three keys; the same events
   * each time, but for {@code extra} units more on each.
   */
  private static List<UsageEvent> events(List<UUID> tenants, int count, long extra) {
    SplittableRandom random = new SplittableRandom(7);
    UUID[] keys = {UsageEvent.NO_KEY, new UUID(7, 1), new UUID(7, 2)};
    List<UsageEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      OffsetDateTime at = T.plusMinutes(random.nextInt(3 * 24 * 60));
      events.add(
          new UsageEvent(
              tenants.get(random.nextInt(tenants.size())),
              "req-" + i + ":" + i % 3,
              keys[random.nextInt(keys.length)],
              PLUGINS[random.nextInt(PLUGINS.length)],
              MODELS[random.nextInt(MODELS.length)],
              METERS[random.nextInt(METERS.length)],
              1 + random.nextInt(1000) + extra,
              i % 5 == 0 ? at.withOffsetSameInstant(ZoneOffset.ofHours(8)) : at));
    }
    return events;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void everyRollupEqualsTheRawEventsAfterRetriesAndDuplicateKeys(Kind kind) {
    try (Database database = TestDatabases.open(kind);
        UsageLedger ledger = UsageLedgerTest.ledger(database, 50, (batch, fresh) -> {})) {
      List<UUID> tenants =
          List.of(
              TestDatabases.tenant(database, T.minusDays(30)),
              TestDatabases.tenant(database, T.minusDays(30)));
      List<UsageEvent> all = events(tenants, 600, 0);
      appendInOrder(ledger, all.subList(0, 400));
      ledger.flush().join();
      // A later round: 100 retries of stored events among 200 new ones, and each new event of the
      // round sent again in the same round with another quantity (the first one counts).
      List<UsageEvent> round = new ArrayList<>(all.subList(300, 600));
      round.addAll(events(tenants, 600, 5).subList(450, 600));
      appendInOrder(ledger, round);
      ledger.flush().join();

      DSLContext dsl = database.dsl();
      List<UsageEvent> raw =
          dsl.selectFrom(USAGE_EVENTS)
              .fetch(
                  r ->
                      new UsageEvent(
                          r.getTenantId(),
                          r.getIdempotencyKey(),
                          r.getKeyId(),
                          r.getPlugin(),
                          r.getModel(),
                          r.getMeter(),
                          r.getQuantity(),
                          r.getOccurredAt()));
      assertThat(raw).hasSize(all.size());
      assertThat(raw.stream().mapToLong(UsageEvent::quantity).sum())
          .as("each key counted once, with the quantity it was first sent with")
          .isEqualTo(all.stream().mapToLong(UsageEvent::quantity).sum());

      var h = USAGE_HOURLY;
      assertThat(stored(dsl, h, h.TENANT_ID, h.BUCKET_HOUR, h.METER, h.PLUGIN, h.MODEL, h.KEY_ID))
          .isEqualTo(sums(raw, e -> wide(e, hour(e))));
      var d = USAGE_DAILY;
      assertThat(stored(dsl, d, d.TENANT_ID, d.BUCKET_DAY, d.METER, d.PLUGIN, d.MODEL, d.KEY_ID))
          .isEqualTo(sums(raw, e -> wide(e, day(e))));
      var mh = USAGE_METER_HOURLY;
      assertThat(stored(dsl, mh, mh.TENANT_ID, mh.BUCKET_HOUR, mh.METER))
          .isEqualTo(sums(raw, e -> perMeter(e, hour(e))));
      var md = USAGE_METER_DAILY;
      assertThat(stored(dsl, md, md.TENANT_ID, md.BUCKET_DAY, md.METER))
          .isEqualTo(sums(raw, e -> perMeter(e, day(e))));

      UsageRepository usage = new UsageRepository(dsl);
      OffsetDateTime midnight = T.truncatedTo(ChronoUnit.DAYS);
      List<List<OffsetDateTime>> ranges =
          List.of(
              List.of(midnight.plusDays(1), midnight.plusDays(3)),
              List.of(T.truncatedTo(ChronoUnit.HOURS).plusHours(5), T.plusHours(40).withMinute(0)));
      for (List<OffsetDateTime> range : ranges) {
        for (UsageGrouping by : UsageGrouping.values()) {
          for (UUID tenant : Arrays.asList(tenants.get(0), null)) {
            List<UsageGroup> report = usage.report(tenant, range.get(0), range.get(1), by);
            List<UsageGroup> expected = report(raw, tenant, range.get(0), range.get(1), by);
            assertThat(report)
                .as("%s report over %s for %s", by, range, tenant == null ? "all" : "one tenant")
                .isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(expected);
            if (tenant != null && (by == UsageGrouping.HOUR || by == UsageGrouping.DAY)) {
              assertThat(report).as("in time order").extracting(UsageGroup::group).isSorted();
            }
          }
        }
      }
    }
  }

  private static void appendInOrder(UsageLedger ledger, List<UsageEvent> events) {
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    events.forEach(e -> acks.add(ledger.append(e)));
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
  }

  private static OffsetDateTime hour(UsageEvent e) {
    return e.occurredAt().withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
  }

  private static LocalDate day(UsageEvent e) {
    return e.occurredAt().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
  }

  private static List<Object> wide(UsageEvent e, Object bucket) {
    return List.of(e.tenantId(), bucket, e.meter(), e.plugin(), e.model(), e.keyId());
  }

  private static List<Object> perMeter(UsageEvent e, Object bucket) {
    return List.of(e.tenantId(), bucket, e.meter());
  }

  /** Quantity and event count per cell, summed from {@code raw}. */
  private static Map<List<Object>, List<Long>> sums(
      List<UsageEvent> raw, Function<UsageEvent, List<Object>> cell) {
    Map<List<Object>, long[]> sums = new HashMap<>();
    for (UsageEvent e : raw) {
      long[] sum = sums.computeIfAbsent(cell.apply(e), c -> new long[2]);
      sum[0] += e.quantity();
      sum[1]++;
    }
    Map<List<Object>, List<Long>> out = new HashMap<>();
    sums.forEach((c, sum) -> out.put(c, List.of(sum[0], sum[1])));
    return out;
  }

  /** The rows of a rollup {@code table}: its cell columns, then quantity and events. */
  private static Map<List<Object>, List<Long>> stored(
      DSLContext dsl, Table<?> table, Field<?>... cell) {
    Field<Long> quantity = table.field("quantity", Long.class);
    Field<Long> events = table.field("events", Long.class);
    Map<List<Object>, List<Long>> rows = new HashMap<>();
    List<Field<?>> columns = new ArrayList<>(List.of(cell));
    columns.add(quantity);
    columns.add(events);
    for (Record r : dsl.select(columns).from(table).fetch()) {
      List<Object> values = new ArrayList<>();
      for (Field<?> f : cell) {
        Object value = r.get(f);
        values.add(
            value instanceof OffsetDateTime t ? t.withOffsetSameInstant(ZoneOffset.UTC) : value);
      }
      rows.put(values, List.of(r.get(quantity), r.get(events)));
    }
    return rows;
  }

  /** The report {@link UsageRepository#report} must give, summed from the raw events. */
  private static List<UsageGroup> report(
      List<UsageEvent> raw, UUID tenant, OffsetDateTime from, OffsetDateTime to, UsageGrouping by) {
    Map<List<Object>, long[]> sums = new LinkedHashMap<>();
    raw.stream()
        .filter(e -> tenant == null || e.tenantId().equals(tenant))
        .filter(e -> !e.occurredAt().isBefore(from) && e.occurredAt().isBefore(to))
        .forEach(
            e -> {
              String group =
                  switch (by) {
                    case HOUR -> hour(e).toString();
                    case DAY -> day(e).toString();
                    case METER -> "";
                    case PLUGIN -> e.plugin();
                    case MODEL -> e.model();
                    case KEY -> e.keyId().equals(UsageEvent.NO_KEY) ? "" : e.keyId().toString();
                  };
              List<Object> id = Arrays.asList(tenant == null ? e.tenantId() : null, group);
              long[] sum =
                  sums.computeIfAbsent(new ArrayList<>(List.of(id, e.meter())), k -> new long[2]);
              sum[0] += e.quantity();
              sum[1]++;
            });
    List<UsageGroup> rows = new ArrayList<>();
    sums.forEach(
        (k, sum) -> {
          @SuppressWarnings("unchecked")
          List<Object> id = (List<Object>) k.get(0);
          rows.add(
              new UsageGroup(
                  (UUID) id.get(0), (String) id.get(1), (String) k.get(1), sum[0], sum[1]));
        });
    return rows;
  }
}
