package dev.atrium.billing;

import static dev.atrium.persistence.jooq.Tables.COMMIT_BARRIER;
import static dev.atrium.persistence.jooq.Tables.USAGE_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.billing.TestDatabases.Kind;
import dev.atrium.persistence.Database;
import dev.atrium.persistence.billing.UsageEvent;
import dev.atrium.persistence.billing.UsageGroup;
import dev.atrium.persistence.billing.UsageGrouping;
import dev.atrium.persistence.billing.UsageRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class UsageLedgerTest {
  private static final OffsetDateTime T =
      OffsetDateTime.of(2027, 3, 10, 14, 30, 0, 0, ZoneOffset.UTC);

  static UsageEvent event(UUID tenant, String key, String meter, long quantity, OffsetDateTime at) {
    return new UsageEvent(tenant, key, UsageEvent.NO_KEY, "", "", meter, quantity, at);
  }

  /** A ledger on a fresh journal that moves usage into the database every 20 ms. */
  static UsageLedger ledger(Database database, int maxBatch, UsageLedger.Listener listener) {
    return new UsageLedger(
        database,
        TestDatabases.tempDir().resolve("usage-journal"),
        maxBatch,
        Duration.ofMillis(20),
        listener);
  }

  private static long journalBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      long bytes = 0;
      for (Path file : files.toList()) {
        bytes += Files.size(file);
      }
      return bytes;
    }
  }

  /** What the listener was told: every batch moved into the database, and what was new in it. */
  private static final class Moves implements UsageLedger.Listener {
    final List<List<UsageEvent>> batches = new CopyOnWriteArrayList<>();
    final List<UsageEvent> stored = new CopyOnWriteArrayList<>();

    @Override
    public void committed(List<UsageEvent> batch, Set<UsageEvent> fresh) {
      batches.add(batch);
      batch.stream().filter(fresh::contains).forEach(stored::add);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theSameIdempotencyKeyTwiceIsStoredAndRolledUpOnce(Kind kind) {
    Moves moves = new Moves();
    try (Database database = TestDatabases.open(kind);
        UsageLedger ledger = ledger(database, 100, moves)) {
      UUID tenant = TestDatabases.tenant(database, T.minusDays(30));
      UUID other = TestDatabases.tenant(database, T.minusDays(30));
      ledger.append(event(tenant, "req-1:requests:0", "requests", 1, T)).join();
      ledger.flush().join();
      // The retry, in a later batch and then twice within one batch.
      ledger.append(event(tenant, "req-1:requests:0", "requests", 1, T)).join();
      CompletableFuture<Void> a =
          ledger.append(event(tenant, "req-2:requests:0", "requests", 1, T));
      CompletableFuture<Void> b =
          ledger.append(event(tenant, "req-2:requests:0", "requests", 1, T));
      // Another tenant may use the same key: keys are scoped to their tenant.
      CompletableFuture<Void> c = ledger.append(event(other, "req-1:requests:0", "requests", 1, T));
      CompletableFuture.allOf(a, b, c).join();
      ledger.flush().join();

      assertThat(moves.stored)
          .extracting(e -> e.tenantId().equals(tenant) + " " + e.idempotencyKey())
          .containsExactlyInAnyOrder(
              "true req-1:requests:0", "true req-2:requests:0", "false req-1:requests:0");
      UsageRepository usage = new UsageRepository(database.dsl());
      assertThat(usage.countEvents(tenant)).isEqualTo(2);
      LocalDate day = T.toLocalDate();
      assertThat(usage.total(tenant, "requests", day, day.plusDays(1))).isEqualTo(2);
      assertThat(usage.total(other, "requests", day, day.plusDays(1))).isEqualTo(1);
      List<UsageGroup> hourly =
          usage.report(tenant, T.withMinute(0), T.withMinute(0).plusHours(1), UsageGrouping.HOUR);
      assertThat(hourly)
          .containsExactly(new UsageGroup(null, "2027-03-10T14:00Z", "requests", 2, 2));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void keysWithTabsBackslashesAndLineBreaksAreStoredAsSentAndStillStoredOnce(Kind kind) {
    // PostgreSQL takes the events through COPY's text format, where these characters are special.
    List<String> keys = List.of("a\tb", "c\\nd", "e\nf\r", "\\N", "用量:请求", "x".repeat(255));
    Moves moves = new Moves();
    try (Database database = TestDatabases.open(kind);
        UsageLedger ledger = ledger(database, 100, moves)) {
      UUID tenant = TestDatabases.tenant(database, T.minusDays(30));
      for (int round = 0; round < 2; round++) { // the second round is a retry of each event
        CompletableFuture.allOf(
                keys.stream()
                    .map(key -> ledger.append(event(tenant, key, "requests", 1, T)))
                    .toArray(CompletableFuture[]::new))
            .join();
        ledger.flush().join();
      }

      assertThat(
              database
                  .dsl()
                  .select(USAGE_EVENTS.IDEMPOTENCY_KEY)
                  .from(USAGE_EVENTS)
                  .where(USAGE_EVENTS.TENANT_ID.eq(tenant))
                  .fetch(r -> r.value1()))
          .containsExactlyInAnyOrderElementsOf(keys);
      assertThat(moves.stored).extracting(UsageEvent::idempotencyKey).hasSameSizeAs(keys);
      LocalDate day = T.toLocalDate();
      assertThat(
              new UsageRepository(database.dsl()).total(tenant, "requests", day, day.plusDays(1)))
          .isEqualTo(keys.size());
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void concurrentWritersLoseNothingAndRollupsMatchTheEvents(Kind kind) throws Exception {
    int threads = 16;
    int perThread = 500;
    Moves moves = new Moves();
    try (Database database = TestDatabases.open(kind);
        UsageLedger ledger = ledger(database, 500, moves)) {
      UUID tenant = TestDatabases.tenant(database, T.minusDays(30));
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<CompletableFuture<Void>> acks = new ArrayList<>();
      List<java.util.concurrent.Future<List<CompletableFuture<Void>>>> submitted =
          new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        submitted.add(
            pool.submit(
                () -> {
                  List<CompletableFuture<Void>> mine = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    // Every event twice: retries must not count.
                    String key = thread + "-" + i;
                    mine.add(
                        ledger.append(
                            event(tenant, key, "embedding_tokens", 3, T.plusMinutes(i % 90))));
                    mine.add(
                        ledger.append(
                            event(tenant, key, "embedding_tokens", 3, T.plusMinutes(i % 90))));
                  }
                  return mine;
                }));
      }
      for (var f : submitted) {
        acks.addAll(f.get());
      }
      pool.shutdown();
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
      ledger.flush().join();
      assertThat(moves.stored).hasSize(threads * perThread);
      UsageRepository usage = new UsageRepository(database.dsl());
      assertThat(usage.countEvents(tenant)).isEqualTo(threads * perThread);
      assertThat(
              usage.total(tenant, "embedding_tokens", T.toLocalDate(), T.toLocalDate().plusDays(1)))
          .isEqualTo(3L * threads * perThread);
      long hourlySum =
          usage
              .report(tenant, T.withMinute(0), T.withMinute(0).plusHours(3), UsageGrouping.METER)
              .stream()
              .mapToLong(UsageGroup::quantity)
              .sum();
      assertThat(hourlySum).isEqualTo(3L * threads * perThread);
      assertThat(moves.batches)
          .as("transactions of at most 500 events, far fewer than the appends")
          .allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(500))
          .hasSizeLessThan(threads * perThread * 2 / 20);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void acknowledgedUsageWaitsInTheJournalAndMovesInOneTransaction(Kind kind) throws Exception {
    Moves moves = new Moves();
    Path journal = TestDatabases.tempDir().resolve("usage-journal");
    try (Database database = TestDatabases.open(kind);
        UsageLedger ledger =
            new UsageLedger(database, journal, 100, Duration.ofMinutes(1), moves)) {
      UUID tenant = TestDatabases.tenant(database, T.minusDays(30));
      for (int request = 0; request < 3; request++) {
        List<UsageEvent> events =
            List.of(
                event(tenant, "req-" + request + ":requests:0", "requests", 1, T),
                event(tenant, "req-" + request + ":embedding_tokens:0", "embedding_tokens", 9, T),
                event(tenant, "req-" + request + ":requests:0", "requests", 1, T));
        ledger.appendAll(events).get(30, TimeUnit.SECONDS);
      }
      UsageRepository usage = new UsageRepository(database.dsl());
      assertThat(usage.countEvents(tenant)).as("not in the database yet").isZero();
      assertThat(journalBytes(journal)).as("but durable in the journal").isPositive();

      ledger.flush().get(30, TimeUnit.SECONDS);
      assertThat(moves.batches).hasSize(1).allSatisfy(batch -> assertThat(batch).hasSize(9));
      assertThat(moves.stored).as("the repeated key in one request is stored once").hasSize(6);
      assertThat(usage.countEvents(tenant)).isEqualTo(6);
      assertThat(journalBytes(journal)).as("emptied once in the database").isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anEventTheDatabaseRefusesIsSetAsideWithoutBlockingTheOthers(Kind kind) throws Exception {
    Moves moves = new Moves();
    Path journal = TestDatabases.tempDir().resolve("usage-journal");
    try (Database database = TestDatabases.open(kind);
        UsageLedger ledger = new UsageLedger(database, journal, 2, Duration.ofMinutes(1), moves)) {
      UUID tenant = TestDatabases.tenant(database, T.minusDays(30));
      // The meter column holds 64 characters: this event can never be stored.
      String tooLong = "m".repeat(65);
      ledger
          .appendAll(
              List.of(
                  event(tenant, "ok-1", "requests", 1, T),
                  event(tenant, "ok-2", "requests", 1, T),
                  event(tenant, "refused", tooLong, 1, T),
                  event(tenant, "ok-3", "requests", 1, T)))
          .get(30, TimeUnit.SECONDS);
      ledger.flush().get(30, TimeUnit.SECONDS);

      assertThat(moves.batches.stream().flatMap(List::stream).map(UsageEvent::idempotencyKey))
          .as("the listener hears of every event exactly once")
          .containsExactlyInAnyOrder("ok-1", "ok-2", "refused", "ok-3");
      assertThat(moves.stored)
          .extracting(UsageEvent::idempotencyKey)
          .containsExactlyInAnyOrder("ok-1", "ok-2", "ok-3");
      assertThat(new UsageRepository(database.dsl()).countEvents(tenant)).isEqualTo(3);
      assertThat(journalBytes(journal)).as("nothing left behind it").isZero();
    }
  }

  @Test
  void usageIsAcknowledgedWhileTheDatabaseIsDownAndReachesItAfterARestart() throws Exception {
    Path dir = TestDatabases.tempDir();
    String url = Database.embeddedUrl(dir);
    Path journal = dir.resolve("usage-journal");
    UUID tenant;
    Database database = Database.open(url, "", "", 2);
    try (UsageLedger ledger =
        new UsageLedger(database, journal, 100, Duration.ofMinutes(1), (b, s) -> {})) {
      tenant = TestDatabases.tenant(database, T.minusDays(30));
      database.close();
      for (int n = 0; n < 5; n++) {
        ledger.append(event(tenant, "down-" + n, "requests", 1, T)).get(30, TimeUnit.SECONDS);
      }
      assertThatThrownBy(() -> ledger.flush().join())
          .as("the database cannot take it now")
          .isInstanceOf(CompletionException.class);
    }
    assertThat(journalBytes(journal)).as("kept in the journal").isPositive();

    try (Database reopened = Database.open(url, "", "", 2);
        UsageLedger ledger =
            new UsageLedger(reopened, journal, 100, Duration.ofMinutes(1), (b, s) -> {})) {
      assertThat(new UsageRepository(reopened.dsl()).countEvents(tenant))
          .as("moved into the database when the ledger opened")
          .isEqualTo(5);
      assertThat(journalBytes(journal)).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aSegmentIsDeletedOnlyAfterTheDatabaseMadeItsCommitsSurviveACrash(Kind kind)
      throws Exception {
    Path journal = TestDatabases.tempDir().resolve("usage-journal");
    List<Long> journalAtCommit = new CopyOnWriteArrayList<>();
    try (Database database = TestDatabases.open(kind);
        UsageLedger ledger =
            new UsageLedger(
                database,
                journal,
                100,
                Duration.ofMillis(20),
                (batch, stored) -> journalAtCommit.add(journalBytesUnchecked(journal)))) {
      UUID tenant = TestDatabases.tenant(database, T.minusDays(30));
      for (int n = 0; n < 3; n++) {
        ledger.append(event(tenant, "durable-" + n, "requests", 1, T)).join();
        ledger.flush().join();
      }
      assertThat(journalAtCommit)
          .as("the segment is kept while its batch commits")
          .allMatch(b -> b > 0);
      assertThat(journalBytes(journal)).as("and deleted after").isZero();
      long barrierWrites =
          database.dsl().select(COMMIT_BARRIER.WRITES).from(COMMIT_BARRIER).fetchSingle().value1();
      // On H2 each release first moves H2's file header past the batch (22 small commits); a
      // PostgreSQL commit is durable when it returns.
      assertThat(barrierWrites).isEqualTo(kind == Kind.H2 ? 3 * 22 : 0);
    }
  }

  private static long journalBytesUnchecked(Path dir) {
    try {
      return journalBytes(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
