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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A ledger writer is killed with SIGKILL while it writes batches; afterwards every acknowledged
 * event is in the database, and once the client retries everything (acknowledged or not, with the
 * same idempotency keys) each event is stored exactly once and the rollups equal the events.
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
    UUID tenant;
    try (Database database = Database.open(url, "postgres", "postgres", 2)) {
      tenant = TestDatabases.tenant(database, LedgerCrashChild.at().minusDays(30));
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LedgerCrashChild.class.getName(),
                url,
                tenant.toString(),
                Integer.toString(TOTAL))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
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
      long afterCrash = usage.countEvents(tenant);
      assertThat(afterCrash)
          .as("every acknowledged event survived")
          .isGreaterThanOrEqualTo(acked.size());
      assertThat(afterCrash).as("not everything was written before the kill").isLessThan(TOTAL);
      LocalDate day = LedgerCrashChild.at().toLocalDate();
      assertThat(usage.total(tenant, "requests", day, day.plusDays(1)))
          .as("rollup equals events")
          .isEqualTo(afterCrash);

      // Restart: the client retries every request, acknowledged or not.
      try (UsageLedger ledger = new UsageLedger(database, 500, (batch, stored) -> {})) {
        List<CompletableFuture<Boolean>> retries = new ArrayList<>();
        for (int n = 0; n < TOTAL; n++) {
          retries.add(ledger.append(event(tenant, "k" + n)));
        }
        long newlyStored = retries.stream().filter(CompletableFuture::join).count();
        assertThat(newlyStored).isEqualTo(TOTAL - afterCrash);
      }
      assertThat(usage.countEvents(tenant)).isEqualTo(TOTAL);
      assertThat(usage.total(tenant, "requests", day, day.plusDays(1))).isEqualTo(TOTAL);
    }
  }
}
