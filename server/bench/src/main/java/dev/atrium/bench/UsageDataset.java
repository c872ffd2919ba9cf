package dev.atrium.bench;

import dev.atrium.billing.BillingPeriod;
import dev.atrium.persistence.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Synthetic usage for the billing benchmark, bulk-loaded (see {@link BulkLoader}). Tenants differ
 * in size as real ones do: tenant r (from 1) makes a share of the requests proportional to 1/r, so
 * the largest of 1,000 has about 13% of all usage. A request is three events (one request, 16-515
 * embedding tokens, 1-40 ms of CPU) at a random second of the month, on one of the tenant's two API
 * keys, a quarter of them through the customer-service plugin. Loaded per tenant: the hourly and
 * daily rollups, wide and per meter, that the usage ledger would have written for these events, so
 * reports and invoices read exactly what they would after real traffic. The raw events themselves
 * are not loaded: nothing measured reads them (reports and the close read the rollups only), and on
 * two shared cores loading 10 million of them takes longer than all the rest. Same seed, same data.
 */
final class UsageDataset {
  private static final String[] METERS = {"requests", "embedding_tokens", "compute_ms.cpu"};
  private static final String MODEL = "all-minilm-l6-v2";
  private static final String PLUGIN = "customer-service";

  private UsageDataset() {}

  /**
   * Inserts {@code count} tenants created at {@code createdAt}; returns their ids, largest first.
   */
  static List<UUID> tenants(Database database, int count, OffsetDateTime createdAt) {
    return database
        .dsl()
        .connectionResult(
            c -> {
              List<UUID> ids = new ArrayList<>();
              try (BulkLoader loader =
                  BulkLoader.open(c, "tenants", List.of("id", "name", "created_at"))) {
                for (int i = 0; i < count; i++) {
                  UUID id = new UUID(0xbe7c4L, i + 1L);
                  ids.add(id);
                  loader.row(id, "Bench tenant " + (i + 1), createdAt);
                }
              }
              return ids;
            });
  }

  /** Loads about {@code events} events of {@code tenants} in {@code month}; returns how many. */
  static long load(
      Database database, List<UUID> tenants, BillingPeriod month, long events, long seed) {
    return database.dsl().connectionResult(c -> load(c, tenants, month, events, seed));
  }

  private static long load(
      Connection c, List<UUID> tenants, BillingPeriod month, long events, long seed)
      throws SQLException {
    long requests = events / METERS.length;
    double harmonic = 0;
    for (int r = 1; r <= tenants.size(); r++) {
      harmonic += 1.0 / r;
    }
    SplittableRandom random = new SplittableRandom(seed);
    long loaded = 0;
    try (BulkLoader hourly = BulkLoader.open(c, "usage_hourly", rollupColumns("bucket_hour"));
        BulkLoader daily = BulkLoader.open(c, "usage_daily", rollupColumns("bucket_day"));
        BulkLoader meterHourly =
            BulkLoader.open(c, "usage_meter_hourly", meterRollupColumns("bucket_hour"));
        BulkLoader meterDaily =
            BulkLoader.open(c, "usage_meter_daily", meterRollupColumns("bucket_day"))) {
      Rollups rollups = new Rollups(hourly, daily, meterHourly, meterDaily);
      for (int t = 0; t < tenants.size(); t++) {
        long mine = Math.round(requests / harmonic / (t + 1));
        loaded += METERS.length * tenant(tenants.get(t), mine, month, random, rollups);
      }
    }
    return loaded;
  }

  private record Cell<B>(B bucket, String meter, String plugin, UUID key) {
    Cell<B> meterOnly() {
      return new Cell<>(bucket, meter, "", null);
    }
  }

  /** Where the rollups go: wide (plugin, model, key) and narrow (meter alone), hourly and daily. */
  private record Rollups(
      BulkLoader hourly, BulkLoader daily, BulkLoader meterHourly, BulkLoader meterDaily) {}

  /** One tenant's requests, summed into its rollup cells. */
  private static long tenant(
      UUID tenant, long requests, BillingPeriod month, SplittableRandom random, Rollups into)
      throws SQLException {
    UUID[] keys = {
      new UUID(tenant.getLeastSignificantBits(), 1), new UUID(tenant.getLeastSignificantBits(), 2)
    };
    Map<Cell<OffsetDateTime>, long[]> hours = new HashMap<>();
    Map<Cell<LocalDate>, long[]> days = new HashMap<>();
    for (long n = 0; n < requests; n++) {
      OffsetDateTime at = month.start().plusSeconds(random.nextLong(month.seconds()));
      UUID key = keys[random.nextInt(keys.length)];
      String plugin = random.nextInt(4) == 0 ? PLUGIN : "";
      long[] quantities = {1, 16 + random.nextInt(500), 1 + random.nextInt(40)};
      for (int m = 0; m < METERS.length; m++) {
        add(
            hours,
            new Cell<>(at.truncatedTo(ChronoUnit.HOURS), METERS[m], plugin, key),
            quantities[m]);
        add(days, new Cell<>(at.toLocalDate(), METERS[m], plugin, key), quantities[m]);
      }
    }
    write(tenant, hours, into.hourly());
    write(tenant, days, into.daily());
    writePerMeter(tenant, hours, into.meterHourly());
    writePerMeter(tenant, days, into.meterDaily());
    return requests;
  }

  private static <B> void add(Map<Cell<B>, long[]> cells, Cell<B> cell, long quantity) {
    long[] sum = cells.computeIfAbsent(cell, c -> new long[2]);
    sum[0] += quantity;
    sum[1]++;
  }

  private static <B> void write(UUID tenant, Map<Cell<B>, long[]> cells, BulkLoader into)
      throws SQLException {
    for (Map.Entry<Cell<B>, long[]> e : cells.entrySet()) {
      Cell<B> c = e.getKey();
      into.row(
          tenant,
          c.bucket(),
          c.meter(),
          c.plugin(),
          MODEL,
          c.key(),
          e.getValue()[0],
          e.getValue()[1]);
    }
  }

  /** The cells summed over plugin and key, as the ledger's narrow rollups hold them. */
  private static <B> void writePerMeter(UUID tenant, Map<Cell<B>, long[]> cells, BulkLoader into)
      throws SQLException {
    Map<Cell<B>, long[]> perMeter = new HashMap<>();
    cells.forEach(
        (cell, sum) -> {
          long[] total = perMeter.computeIfAbsent(cell.meterOnly(), c -> new long[2]);
          total[0] += sum[0];
          total[1] += sum[1];
        });
    for (Map.Entry<Cell<B>, long[]> e : perMeter.entrySet()) {
      Cell<B> c = e.getKey();
      into.row(tenant, c.bucket(), c.meter(), e.getValue()[0], e.getValue()[1]);
    }
  }

  private static List<String> meterRollupColumns(String bucket) {
    return List.of("tenant_id", bucket, "meter", "quantity", "events");
  }

  private static List<String> rollupColumns(String bucket) {
    return List.of("tenant_id", bucket, "meter", "plugin", "model", "key_id", "quantity", "events");
  }
}
