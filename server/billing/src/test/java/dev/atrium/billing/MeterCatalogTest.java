package dev.atrium.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.billing.TestDatabases.Kind;
import dev.atrium.persistence.Database;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MeterCatalogTest {
  /**
   * A plugin's first requests may declare its meter at the same moment (the soak benchmark caught
   * three 500s that way): every declaration succeeds, and the meter exists once.
   */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void concurrentDeclarationsOfOneMeterAllSucceed(Kind kind) throws Exception {
    BillingSettings settings =
        new BillingSettings(
            "free",
            "USD",
            BigDecimal.ZERO,
            TestDatabases.tempDir().resolve("usage-journal"),
            500,
            Duration.ofMillis(250),
            90,
            Duration.ofMinutes(1));
    int callers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try (Database database = TestDatabases.open(kind);
        Billing billing = new Billing(database, settings, Clock.systemUTC(), w -> {})) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> declared = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        declared.add(
            pool.submit(
                () -> {
                  start.await();
                  return billing
                      .meters()
                      .declarePluginMeter(
                          "soak", "answers", "answer", "Answers", new BigDecimal("0.001"));
                }));
      }
      start.countDown();
      for (Future<?> f : declared) {
        assertThat(f.get()).isNotNull();
      }
      assertThat(billing.meters().all())
          .filteredOn(m -> m.name().equals("soak.answers"))
          .hasSize(1);
    } finally {
      pool.shutdown();
    }
  }
}
