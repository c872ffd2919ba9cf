package dev.atrium.billing;

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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class UsageLedgerTest {
  private static final OffsetDateTime T =
      OffsetDateTime.of(2027, 3, 10, 14, 30, 0, 0, ZoneOffset.UTC);

  static UsageEvent event(UUID tenant, String key, String meter, long quantity, OffsetDateTime at) {
    return new UsageEvent(tenant, key, UsageEvent.NO_KEY, "", "", meter, quantity, at);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theSameIdempotencyKeyTwiceIsStoredAndRolledUpOnce(Kind kind) {
    try (Database database = TestDatabases.open(kind);
        UsageLedger ledger = new UsageLedger(database, 100, (batch, stored) -> {})) {
      UUID tenant = TestDatabases.tenant(database, T.minusDays(30));
      UUID other = TestDatabases.tenant(database, T.minusDays(30));
      assertThat(ledger.append(event(tenant, "req-1:requests:0", "requests", 1, T)).join())
          .isTrue();
      // The retry, in a later batch and then twice within one batch.
      assertThat(ledger.append(event(tenant, "req-1:requests:0", "requests", 1, T)).join())
          .isFalse();
      CompletableFuture<Boolean> a =
          ledger.append(event(tenant, "req-2:requests:0", "requests", 1, T));
      CompletableFuture<Boolean> b =
          ledger.append(event(tenant, "req-2:requests:0", "requests", 1, T));
      // Another tenant may use the same key: keys are scoped to their tenant.
      CompletableFuture<Boolean> c =
          ledger.append(event(other, "req-1:requests:0", "requests", 1, T));
      assertThat(List.of(a.join(), b.join(), c.join()))
          .containsExactlyInAnyOrder(true, false, true);

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
  void concurrentWritersLoseNothingAndRollupsMatchTheEvents(Kind kind) throws Exception {
    int threads = 16;
    int perThread = 500;
    AtomicInteger batches = new AtomicInteger();
    try (Database database = TestDatabases.open(kind);
        UsageLedger ledger =
            new UsageLedger(database, 500, (batch, stored) -> batches.incrementAndGet())) {
      UUID tenant = TestDatabases.tenant(database, T.minusDays(30));
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<CompletableFuture<Boolean>> acks = new ArrayList<>();
      List<java.util.concurrent.Future<List<CompletableFuture<Boolean>>>> submitted =
          new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        submitted.add(
            pool.submit(
                () -> {
                  List<CompletableFuture<Boolean>> mine = new ArrayList<>();
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
      long stored = acks.stream().filter(CompletableFuture::join).count();
      assertThat(stored).isEqualTo(threads * perThread);
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
      assertThat(batches.get()).as("group commit batches").isLessThan(threads * perThread * 2);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRequestsEventsCommitTogether(Kind kind) throws Exception {
    List<List<UsageEvent>> commits = new ArrayList<>();
    try (Database database = TestDatabases.open(kind);
        UsageLedger ledger =
            new UsageLedger(database, 100, (batch, stored) -> commits.add(batch))) {
      UUID tenant = TestDatabases.tenant(database, T.minusDays(30));
      for (int request = 0; request < 3; request++) {
        List<UsageEvent> events =
            List.of(
                event(tenant, "req-" + request + ":requests:0", "requests", 1, T),
                event(tenant, "req-" + request + ":embedding_tokens:0", "embedding_tokens", 9, T),
                event(tenant, "req-" + request + ":requests:0", "requests", 1, T));
        assertThat(ledger.appendAll(events).get(30, TimeUnit.SECONDS))
            .as("the repeated key in one request is stored once")
            .containsExactly(true, true, false);
      }
      assertThat(commits).hasSize(3).allSatisfy(batch -> assertThat(batch).hasSize(3));
      UsageRepository usage = new UsageRepository(database.dsl());
      assertThat(usage.countEvents(tenant)).isEqualTo(6);
    }
  }
}
