package dev.atrium.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.billing.TestDatabases.Kind;
import dev.atrium.persistence.Database;
import dev.atrium.persistence.billing.UsageEvent;
import dev.atrium.persistence.billing.UsageRepository;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A ledger writer is killed with SIGKILL while it journals and moves batches into the database;
 * once a ledger reopens its journal, every acknowledged event is in the database, and once the
 * client retries everything (acknowledged or not, with the same idempotency keys) each event is
 * stored exactly once and the rollups equal the events.
 */
final class LedgerCrashTest {
  private static final int TOTAL = 20_000;
  private static final int KILL_AFTER_ACKS = 3_000;

  static UsageEvent event(UUID tenant, String key) {
    return new UsageEvent(
        tenant, key, UsageEvent.NO_KEY, "", "", "requests", 1, LedgerCrashChild.at());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aWriterKilledMidBatchLosesNothingAndDuplicatesNothing(Kind kind) throws Exception {
    String url = TestDatabases.url(kind);
    Path journal = TestDatabases.tempDir().resolve("usage-journal");
    UUID tenant;
    try (Database database = Database.open(url, "postgres", "postgres", 2)) {
      tenant = TestDatabases.tenant(database, LedgerCrashChild.at().minusDays(30));
    }
    Process child =
        TestDatabases.child(
            LedgerCrashChild.class,
            url,
            tenant.toString(),
            Integer.toString(TOTAL),
            journal.toString());
    Set<String> acked = new HashSet<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acked.size() < KILL_AFTER_ACKS && (line = out.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          acked.add(line.substring(4));
        }
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, mid-transaction
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acked).hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACKS);

    try (Database database = Database.open(url, "postgres", "postgres", 4)) {
      UsageRepository usage = new UsageRepository(database.dsl());
      LocalDate day = LedgerCrashChild.at().toLocalDate();
      AtomicLong newlyStored = new AtomicLong();
      // Restart: the ledger reopens the journal, then the client retries every request.
      try (UsageLedger ledger =
          new UsageLedger(
              database,
              journal,
              500,
              Duration.ofMillis(50),
              (batch, stored) -> newlyStored.addAndGet(stored.size()))) {
        long afterCrash = usage.countEvents(tenant);
        assertThat(afterCrash)
            .as("every acknowledged event survived")
            .isGreaterThanOrEqualTo(acked.size());
        assertThat(afterCrash).as("not everything was written before the kill").isLessThan(TOTAL);
        assertThat(usage.total(tenant, "requests", day, day.plusDays(1)))
            .as("rollup equals events")
            .isEqualTo(afterCrash);

        List<CompletableFuture<Void>> retries = new ArrayList<>();
        for (int n = 0; n < TOTAL; n++) {
          retries.add(ledger.append(event(tenant, "k" + n)));
        }
        CompletableFuture.allOf(retries.toArray(CompletableFuture[]::new)).join();
        ledger.flush().join();
        assertThat(newlyStored.get()).isEqualTo(TOTAL - afterCrash);
      }
      assertThat(usage.countEvents(tenant)).isEqualTo(TOTAL);
      assertThat(usage.total(tenant, "requests", day, day.plusDays(1))).isEqualTo(TOTAL);
    }
  }
}
