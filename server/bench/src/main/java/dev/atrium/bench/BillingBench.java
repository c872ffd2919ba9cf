package dev.atrium.bench;

import dev.atrium.app.AtriumServer;
import dev.atrium.bench.LoadGenerator.Call;
import dev.atrium.billing.Billing;
import dev.atrium.billing.BillingPeriod;
import dev.atrium.billing.BillingSettings;
import dev.atrium.billing.CloseProgress;
import dev.atrium.billing.UsageRecorder.Entry;
import dev.atrium.billing.http.BillingConfig;
import dev.atrium.config.AtriumConfig;
import dev.atrium.persistence.Database;
import dev.atrium.persistence.billing.UsageRepository;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.SQLDialect;

/**
 * {@code ./atrium bench billing}: billing at scale on embedded H2 and on a real PostgreSQL (fsync
 * and synchronous commit on), each measured in one run on this machine.
 *
 * <ol>
 *   <li>Durable usage ingest: {@link UsageWriteLoad} at concurrency 1 to 256, the naive way (a
 *       transaction of plain INSERTs per request, made durable like the ledger: synchronous commit
 *       on PostgreSQL, {@code CHECKPOINT SYNC} on H2, whose commits are otherwise not forced to the
 *       disk) against the {@link dev.atrium.billing.UsageRecorder} the server uses (journal group
 *       commit, then the ledger's batches with duplicate check and rollups). Events/s count the
 *       time to move the last journaled events into the database. Beside them, the {@link Ceilings}
 *       of the machine in the same run: forced appends to the journal's disk, and plain bulk
 *       inserts into the events table.
 *   <li>Monthly close: {@link UsageDataset} loads the close month (default 1,000,000 events of
 *       1,000 tenants), then {@link dev.atrium.billing.InvoiceClose} invoices every tenant.
 *   <li>Dashboard usage query: a month of usage (default 10,000,000 events) loaded beside it, then
 *       a server on that database answers {@code GET /api/admin/usage?tenantId=...} by day and by
 *       hour for random tenants, 8 at a time, for the measurement time; then {@code GET
 *       /health/live} the same way, the floor under any route of that server at that moment.
 * </ol>
 *
 * <p>Arguments: {@code [seconds] [tenants] [close-events] [query-events] [databases]}, defaults
 * {@code 5 1000 1000000 10000000 h2,postgres}.
 */
public final class BillingBench {
  private static final int[] CONCURRENCY = {1, 8, 64, 256};
  private static final int QUERY_CONCURRENCY = 8;
  private static final double INGEST_GOAL = 100_000;
  private static final double CLOSE_GOAL_SECONDS = 60;
  private static final double QUERY_GOAL_MILLIS = 50;

  private final Duration duration;
  private final int tenants;
  private final long closeEvents;
  private final long queryEvents;
  private final List<String> rows = new ArrayList<>();
  private final List<String> goals = new ArrayList<>();

  private BillingBench(Duration duration, int tenants, long closeEvents, long queryEvents) {
    this.duration = duration;
    this.tenants = tenants;
    this.closeEvents = closeEvents;
    this.queryEvents = queryEvents;
  }

  public static void main(String[] args) throws Exception {
    BillingBench bench =
        new BillingBench(
            Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 5),
            args.length > 1 ? Integer.parseInt(args[1]) : 1000,
            args.length > 2 ? Long.parseLong(args[2]) : 1_000_000,
            args.length > 3 ? Long.parseLong(args[3]) : 10_000_000);
    List<String> databases = List.of((args.length > 4 ? args[4] : "h2,postgres").split(","));
    BenchPostgres postgres = databases.contains("postgres") ? BenchPostgres.start() : null;
    try {
      for (String kind : databases) {
        Supplier<String> fresh =
            switch (kind) {
              case "h2" ->
                  () -> Database.embeddedUrl(ScratchDirectories.create("atrium-billing-bench"));
              case "postgres" -> () -> postgresDatabase(postgres);
              default -> throw new IllegalArgumentException("databases are h2 and postgres");
            };
        String name = kind.equals("h2") ? "H2" : "PostgreSQL";
        bench.ingest(name, fresh);
        bench.closeAndQuery(name, fresh.get());
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
    bench.print();
  }

  /** Naive durable INSERTs and the usage recorder, side by side at each concurrency. */
  private void ingest(String name, Supplier<String> fresh) throws Exception {
    for (int concurrency : CONCURRENCY) {
      System.out.printf("%s: ingest at concurrency %d...%n", name, concurrency);
      // A connection per client, as a naive service would have.
      try (Database database = open(fresh.get(), Math.max(4, concurrency))) {
        String sync = database.dsl().dialect().family() == SQLDialect.H2 ? "CHECKPOINT SYNC" : null;
        LoadResult naive =
            UsageWriteLoad.measure(
                UsageDataset.tenants(database, 16, OffsetDateTime.now(ZoneOffset.UTC)),
                concurrency,
                duration,
                events -> {
                  database
                      .dsl()
                      .transaction(c -> events.forEach(new UsageRepository(c.dsl())::insertOne));
                  if (sync != null) {
                    database.dsl().execute(sync);
                  }
                },
                () -> {});
        ingestRow(name, "naive: INSERTs + durable commit per request", concurrency, naive);
      }
      Path dataDir = ScratchDirectories.create("atrium-billing-bench-journal");
      try (Database database = open(fresh.get(), 4);
          Billing billing = billing(database, dataDir)) {
        LoadResult recorded =
            UsageWriteLoad.measure(
                UsageDataset.tenants(database, 16, OffsetDateTime.now(ZoneOffset.UTC)),
                concurrency,
                duration,
                events -> billing.recorder().commit(events.stream().map(Entry::of).toList()).join(),
                () -> billing.recorder().flush().join());
        double rate =
            ingestRow(name, "usage recorder: journal, then ledger", concurrency, recorded);
        if (concurrency == CONCURRENCY[CONCURRENCY.length - 1]) {
          goal(
              name + ": durable usage events/s (recorder, concurrency " + concurrency + ")",
              rate >= INGEST_GOAL,
              String.format("%,.0f/s", rate),
              String.format(">= %,.0f/s", INGEST_GOAL));
        }
      }
    }
    ceilings(name, fresh);
  }

  /**
   * The limits of this machine, without the ledger: forced appends to one file (a group commit of
   * the journal is one, holding at most one request per client), and plain bulk inserts into the
   * events table in transactions of the ledger's batch size.
   */
  private void ceilings(String name, Supplier<String> fresh) throws Exception {
    int clients = CONCURRENCY[CONCURRENCY.length - 1];
    int group = clients * UsageWriteLoad.EVENTS_PER_REQUEST;
    double appends =
        Ceilings.forcedAppendsPerSecond(
            ScratchDirectories.create("atrium-billing-bench-fsync"),
            group * Ceilings.EVENT_BYTES,
            duration);
    rows.add(
        String.format(
            "%-11s %-46s %,10.0f forced appends/s x %d events = %,.0f events/s",
            name, "ceiling: the journal's disk, no Atrium code", appends, group, appends * group));
    int batch =
        billingSettings(ScratchDirectories.create("atrium-billing-bench-settings"))
            .ledgerBatchSize();
    try (Database database = open(fresh.get(), 4)) {
      UUID tenant =
          UsageDataset.tenants(database, 1, OffsetDateTime.now(ZoneOffset.UTC)).getFirst();
      double inserts = Ceilings.bulkInsertRowsPerSecond(database, tenant, batch, duration);
      rows.add(
          String.format(
              "%-11s %-46s %,10.0f rows/s (%,d per commit, no key check, no rollups)",
              name, "ceiling: bulk INSERT/COPY into usage_events", inserts, batch));
    }
  }

  /** Loads both months into one database, closes the earlier one, then queries the later one. */
  private void closeAndQuery(String name, String url) throws Exception {
    BillingPeriod current = BillingPeriod.containing(OffsetDateTime.now(ZoneOffset.UTC));
    BillingPeriod closeMonth = BillingPeriod.parse(current.month().minusMonths(1).toString());
    BillingPeriod queryMonth = BillingPeriod.parse(current.month().minusMonths(2).toString());
    Path dataDir = ScratchDirectories.create("atrium-billing-bench-server");
    try (Database database = open(url, 4)) {
      System.out.printf("%s: loading %,d tenants...%n", name, tenants);
      List<UUID> ids = UsageDataset.tenants(database, tenants, queryMonth.start().minusDays(1));
      long started = System.nanoTime();
      System.out.printf("%s: loading %,d events into %s...%n", name, queryEvents, queryMonth);
      long loaded = UsageDataset.load(database, ids, queryMonth, queryEvents, 1);
      rows.add(
          String.format(
              "%-11s %-46s %,14d events in %6.1f s",
              name, "data: query month, rollups of (bulk load)", loaded, seconds(started)));
      started = System.nanoTime();
      System.out.printf("%s: loading %,d events into %s...%n", name, closeEvents, closeMonth);
      long closeLoaded = UsageDataset.load(database, ids, closeMonth, closeEvents, 2);
      rows.add(
          String.format(
              "%-11s %-46s %,14d events in %6.1f s",
              name, "data: close month, rollups of (bulk load)", closeLoaded, seconds(started)));
      try (Billing billing = billing(database, dataDir)) {
        System.out.printf("%s: closing %s...%n", name, closeMonth);
        started = System.nanoTime();
        CloseProgress close = billing.invoiceClose().run(closeMonth, false);
        double took = seconds(started);
        rows.add(
            String.format(
                "%-11s %-46s %,14d invoices in %6.1f s (%s)",
                name,
                "monthly close, " + ids.size() + " tenants",
                close.invoicesCreated(),
                took,
                close.state()));
        goal(
            String.format(
                "%s: monthly close, %,d tenants over %,d events", name, ids.size(), closeLoaded),
            close.state().equals("done")
                && close.invoicesCreated() == ids.size()
                && took < CLOSE_GOAL_SECONDS,
            String.format("%.1f s", took),
            String.format("< %.0f s", CLOSE_GOAL_SECONDS));
      }
      query(name, url, dataDir, ids, queryMonth, loaded);
    }
  }

  private void query(
      String name, String url, Path dataDir, List<UUID> ids, BillingPeriod month, long events)
      throws Exception {
    Map<String, String> config =
        Map.of(
            "profile",
            "prod",
            "http.host",
            "127.0.0.1",
            "http.port",
            "0",
            "data.dir",
            dataDir.toString(),
            "db.url",
            url,
            "db.user",
            BenchPostgres.USER,
            "db.password",
            BenchPostgres.PASSWORD,
            "inference.catalog-file",
            noModels(dataDir).toString(),
            "operator.email",
            BenchTenants.OPERATOR,
            "operator.password",
            BenchTenants.OPERATOR_PASSWORD);
    System.out.printf("%s: dashboard usage queries over %,d events...%n", name, events);
    try (AtriumServer server = AtriumServer.start(AtriumConfig.of(config));
        LoadGenerator load = new LoadGenerator(server.port(), QUERY_CONCURRENCY)) {
      String operator =
          load.fetchJson(
                  Call.post(
                      "/api/auth/login",
                      null,
                      new JsonObject()
                          .put("email", BenchTenants.OPERATOR)
                          .put("password", BenchTenants.OPERATOR_PASSWORD)
                          .encode()))
              .getString("token");
      for (String groupBy : List.of("day", "hour")) {
        Supplier<Call> calls = usageQueries(operator, ids, month, groupBy);
        load.closedLoop(calls, Duration.ofSeconds(3));
        LoadResult r = load.closedLoop(calls, duration);
        requestRow(name, "usage query by " + groupBy + ", concurrency " + QUERY_CONCURRENCY, r);
        goal(
            String.format("%s: usage query p99 by %s over %,d events", name, groupBy, events),
            r.failed() == 0 && r.percentileMillis(99) < QUERY_GOAL_MILLIS,
            String.format("%.2f ms", r.percentileMillis(99)),
            String.format("< %.0f ms", QUERY_GOAL_MILLIS));
      }
      // The floor under any route of this server on this machine now: no database, no JSON to
      // speak of, the same HTTP client and concurrency.
      Call live = Call.get("/health/live", null);
      load.closedLoop(live, Duration.ofSeconds(1));
      requestRow(
          name,
          "ceiling: GET /health/live, concurrency " + QUERY_CONCURRENCY,
          load.closedLoop(live, duration));
    }
  }

  private void requestRow(String name, String what, LoadResult r) {
    rows.add(
        String.format(
            "%-11s %-46s %10.0f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %d",
            name,
            what,
            r.requestsPerSecond(),
            r.percentileMillis(50),
            r.percentileMillis(99),
            r.failed()));
  }

  /** The operator dashboard's report of one random tenant's month. */
  private static Supplier<Call> usageQueries(
      String operator, List<UUID> ids, BillingPeriod month, String groupBy) {
    SplittableRandom random = new SplittableRandom(3);
    return () -> {
      UUID tenant;
      synchronized (random) {
        tenant = ids.get(random.nextInt(ids.size()));
      }
      return Call.get(
          "/api/admin/usage?tenantId="
              + tenant
              + "&from="
              + month.firstDay()
              + "&to="
              + month.endDay()
              + "&groupBy="
              + groupBy,
          operator);
    };
  }

  private double ingestRow(String name, String setup, int concurrency, LoadResult r) {
    double events = r.requestsPerSecond() * UsageWriteLoad.EVENTS_PER_REQUEST;
    rows.add(
        String.format(
            "%-11s %-46s conc. %3d %,10.0f events/s  p50 %7.2f ms  p99 %7.2f ms",
            name, setup, concurrency, events, r.percentileMillis(50), r.percentileMillis(99)));
    return events;
  }

  private void goal(String what, boolean met, String measured, String target) {
    goals.add(
        String.format(
            "%-66s %14s  goal %-12s %s", what, measured, target, met ? "MET" : "NOT MET"));
  }

  private void print() throws java.io.IOException {
    System.out.printf(
        "%nAtrium billing benchmark: %d cores, %d s per measurement, %d tenants, load average"
            + " at the end %s%n",
        Runtime.getRuntime().availableProcessors(),
        duration.toSeconds(),
        tenants,
        Files.readString(Path.of("/proc/loadavg")).trim());
    rows.forEach(System.out::println);
    System.out.println();
    goals.forEach(System.out::println);
  }

  private static Billing billing(Database database, Path dataDir) {
    return new Billing(database, billingSettings(dataDir), Clock.systemUTC(), w -> {});
  }

  /**
   * The server's billing settings (ledger batch size, apply interval) on the Enterprise plan; the
   * ledger's batch size can be changed as the server's is, with {@code
   * ATRIUM_BILLING_LEDGER_BATCH_SIZE}.
   */
  private static BillingSettings billingSettings(Path dataDir) {
    Map<String, String> config = new HashMap<>();
    config.put("data.dir", dataDir.toString());
    config.put("billing.default-plan", "enterprise");
    String batch = System.getenv("ATRIUM_BILLING_LEDGER_BATCH_SIZE");
    if (batch != null) {
      config.put("billing.ledger-batch-size", batch);
    }
    return BillingConfig.settings(AtriumConfig.of(config));
  }

  private static Database open(String url, int poolSize) {
    return Database.open(url, BenchPostgres.USER, BenchPostgres.PASSWORD, poolSize);
  }

  private static String postgresDatabase(BenchPostgres postgres) {
    try {
      return postgres.freshDatabase();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot create a PostgreSQL database", e);
    }
  }

  /** The query server loads no models: usage reports need none. */
  private static Path noModels(Path dataDir) throws java.io.IOException {
    Path file = dataDir.resolve("no-models.json");
    Files.writeString(file, "{\"bundled_models\": false, \"default_embedding_models\": {}}");
    return file;
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
