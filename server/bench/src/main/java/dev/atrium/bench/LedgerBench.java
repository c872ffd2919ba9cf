package dev.atrium.bench;

import dev.atrium.billing.UsageLedger;
import dev.atrium.persistence.Database;
import dev.atrium.persistence.Tenant;
import dev.atrium.persistence.TenantRepository;
import dev.atrium.persistence.billing.UsageRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * {@code ./atrium bench ledger}: durable usage writes on the embedded H2 database, one request
 * being three events (requests, tokens, compute time) that must be committed before the request is
 * answered. Side by side at concurrency 1, 8 and 64: the naive way, a transaction of three plain
 * INSERTs per request, against the {@link UsageLedger} (group commit into its journal, moved into
 * the database with rollups and duplicate check every 250 ms). The ledger's time includes moving
 * the last events into the database after the run.
 *
 * <p>Argument: seconds per measurement (default 5).
 */
public final class LedgerBench {
  private static final int[] CONCURRENCY = {1, 8, 64};

  private LedgerBench() {}

  public static void main(String[] args) throws Exception {
    Duration duration = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 5);
    System.out.printf(
        "%nAtrium usage ledger benchmark: H2 on this disk, %d cores, %d s per measurement, 3 events"
            + " per request%n%n",
        Runtime.getRuntime().availableProcessors(), duration.toSeconds());
    System.out.printf(
        "%-46s %6s %11s %9s %9s%n", "setup", "conc.", "requests/s", "p50 ms", "p99 ms");
    for (int concurrency : CONCURRENCY) {
      // A connection per client, as a naive service would have.
      try (Database database = Database.open(freshDatabase(), "sa", "", Math.max(4, concurrency))) {
        UUID tenant = tenant(database);
        print(
            "naive: one transaction of 3 INSERTs per request",
            concurrency,
            UsageWriteLoad.measure(
                List.of(tenant),
                concurrency,
                duration,
                events ->
                    database
                        .dsl()
                        .transaction(c -> events.forEach(new UsageRepository(c.dsl())::insertOne)),
                () -> {}));
      }
      Path dir = ScratchDirectories.create("atrium-ledger-bench");
      try (Database database = Database.open(Database.embeddedUrl(dir), "sa", "", 4);
          UsageLedger ledger =
              new UsageLedger(
                  database,
                  dir.resolve("usage-journal"),
                  1000,
                  Duration.ofMillis(250),
                  (batch, stored) -> {})) {
        print(
            "usage ledger: journal, then key check + rollups",
            concurrency,
            UsageWriteLoad.measure(
                List.of(tenant(database)),
                concurrency,
                duration,
                e -> ledger.appendAll(e).join(),
                () -> ledger.flush().join()));
      }
    }
  }

  private static void print(String setup, int concurrency, LoadResult r) {
    System.out.printf(
        "%-46s %6d %11.0f %9.2f %9.2f%n",
        setup, concurrency, r.requestsPerSecond(), r.percentileMillis(50), r.percentileMillis(99));
  }

  private static String freshDatabase() throws IOException {
    return Database.embeddedUrl(ScratchDirectories.create("atrium-ledger-bench"));
  }

  private static UUID tenant(Database database) {
    UUID id = UUID.randomUUID();
    new TenantRepository(database.dsl())
        .insert(new Tenant(id, "Bench " + id, OffsetDateTime.now(ZoneOffset.UTC)));
    return id;
  }
}
