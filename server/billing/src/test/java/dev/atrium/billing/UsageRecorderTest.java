package dev.atrium.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.billing.TestDatabases.Kind;
import dev.atrium.billing.UsageRecorder.Entry;
import dev.atrium.persistence.Database;
import dev.atrium.persistence.billing.Plan;
import dev.atrium.persistence.billing.PlanMeter;
import dev.atrium.persistence.billing.PlanRepository;
import dev.atrium.persistence.billing.PriceTier;
import dev.atrium.persistence.billing.UsageEvent;
import dev.atrium.persistence.billing.UsageRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hard limits hold under concurrency; soft limits warn once at 80% and once at 100%; a partial
 * reservation holds what the limit leaves.
 */
final class UsageRecorderTest {
  private static final int LIMIT = 1_000;

  private static Plan tiny(OffsetDateTime now) {
    return new Plan(
        "tiny",
        "Tiny",
        BigDecimal.ZERO,
        new dev.atrium.persistence.billing.RateLimits(1000, 1000, 1000, 1000),
        4,
        1,
        java.util.Set.of("*"),
        Map.of(
            "embedding_tokens",
            new PlanMeter(
                "embedding_tokens",
                0,
                500L,
                (long) LIMIT,
                List.of(new PriceTier(0, BigDecimal.ONE)))),
        now);
  }

  private static BillingSettings settings() {
    return new BillingSettings(
        "free",
        "USD",
        BigDecimal.ZERO,
        TestDatabases.tempDir().resolve("usage-journal"),
        200,
        Duration.ofMillis(20),
        90,
        Duration.ofMinutes(1));
  }

  /** A tenant on the tiny plan since an hour ago. */
  private static UUID tinyTenant(Database database, OffsetDateTime now) {
    database.dsl().transaction(c -> new PlanRepository(c.dsl()).insert(tiny(now)));
    UUID tenant = TestDatabases.tenant(database, now.minusDays(1));
    new Subscriptions("free")
        .change(database.dsl(), tenant, "tiny", now.minusHours(1), BigDecimal.ZERO, now);
    return tenant;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void concurrentReservationsNeverOvershootTheHardLimit(Kind kind) throws Exception {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<QuotaWarning> warnings = new CopyOnWriteArrayList<>();
    try (Database database = TestDatabases.open(kind)) {
      UUID tenant = tinyTenant(database, now);
      try (Billing billing = new Billing(database, settings(), Clock.systemUTC(), warnings::add)) {
        // Some usage already committed before this process knew the tenant: 100 tokens.
        billing
            .recorder()
            .ledger()
            .append(
                new UsageEvent(
                    tenant, "earlier", UsageEvent.NO_KEY, "", "", "embedding_tokens", 100, now))
            .thenCompose(v -> billing.recorder().flush())
            .join();
        int threads = 32;
        int attempts = 100;
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
          pool.submit(
              () -> {
                for (int i = 0; i < attempts; i++) {
                  // Reserve up to 7 tokens, use 3 (settled) or none (released), as handlers do.
                  try {
                    Reservation r =
                        billing.recorder().reserve(tenant, "embedding_tokens", 7).join();
                    granted.incrementAndGet();
                    int n = sequence.incrementAndGet();
                    if (n % 4 == 0) {
                      billing.recorder().release(r);
                    } else {
                      UsageEvent used =
                          new UsageEvent(
                              tenant,
                              "r" + n,
                              UsageEvent.NO_KEY,
                              "",
                              "",
                              "embedding_tokens",
                              3,
                              OffsetDateTime.now(ZoneOffset.UTC));
                      billing.recorder().commit(List.of(new Entry(used, r))).join();
                    }
                  } catch (CompletionException e) {
                    assertThat(e.getCause()).isInstanceOf(QuotaExceededException.class);
                    refused.incrementAndGet();
                  }
                }
              });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        billing.recorder().flush().join();
        long total =
            new UsageRepository(database.dsl())
                .total(
                    tenant,
                    "embedding_tokens",
                    now.toLocalDate().withDayOfMonth(1),
                    now.toLocalDate().withDayOfMonth(1).plusMonths(1));
        assertThat(total).isLessThanOrEqualTo(LIMIT);
        // Once refusals start, at most 6 tokens of headroom can be left (a reservation needs 7).
        assertThat(total).isGreaterThan(LIMIT - 7);
        assertThat(refused.get()).isPositive();
        assertThat(granted.get() + refused.get()).isEqualTo(threads * attempts);
        assertThat(billing.recorder().inFlight(tenant, "embedding_tokens")).isZero();
        assertThat(warnings).extracting(QuotaWarning::percent).containsExactly(80, 100);
      }
    }
  }

  @Test
  void aPartialReservationHoldsWhatTheHardLimitLeavesAndNothingPastIt() throws Exception {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try (Database database = TestDatabases.open(Kind.H2)) {
      UUID tenant = tinyTenant(database, now);
      try (Billing billing = new Billing(database, settings(), Clock.systemUTC(), w -> {})) {
        UsageRecorder recorder = billing.recorder();
        Reservation first = recorder.reserve(tenant, "embedding_tokens", 600).join();
        Reservation partial = recorder.reserveUpTo(tenant, "embedding_tokens", 900).join();
        assertThat(partial.held()).as("what the limit leaves").isEqualTo(LIMIT - 600);
        assertThatThrownBy(() -> recorder.reserveUpTo(tenant, "embedding_tokens", 1).join())
            .hasCauseInstanceOf(QuotaExceededException.class);
        assertThatThrownBy(() -> recorder.reserve(tenant, "embedding_tokens", 1).join())
            .hasCauseInstanceOf(QuotaExceededException.class);
        // Settled below what it held, the first reservation leaves room again.
        UsageEvent used =
            new UsageEvent(tenant, "p1", UsageEvent.NO_KEY, "", "", "embedding_tokens", 550, now);
        recorder.commit(List.of(new Entry(used, first))).join();
        assertThat(recorder.reserveUpTo(tenant, "embedding_tokens", 80).join().held())
            .isEqualTo(50);
        recorder.release(partial);
        assertThat(recorder.reserveUpTo(tenant, "embedding_tokens", 80).join().held())
            .as("below the limit it holds all it asks for")
            .isEqualTo(80);
      }
    }
  }
}
