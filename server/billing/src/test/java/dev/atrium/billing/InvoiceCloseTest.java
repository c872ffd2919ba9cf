package dev.atrium.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.billing.TestDatabases.Kind;
import dev.atrium.persistence.Database;
import dev.atrium.persistence.billing.Invoice;
import dev.atrium.persistence.billing.InvoiceRepository;
import dev.atrium.persistence.billing.MeterUsage;
import dev.atrium.persistence.billing.UsageEvent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The monthly close through the database: proration from real subscriptions, idempotency, void. */
final class InvoiceCloseTest {
  private static final OffsetDateTime APRIL_2 =
      OffsetDateTime.of(2027, 4, 2, 9, 0, 0, 0, ZoneOffset.UTC);

  @ParameterizedTest
  @EnumSource(Kind.class)
  void closesOnceWithTheHandComputedInvoiceAndAgainOnlyAfterAVoid(Kind kind) {
    Clock clock = Clock.fixed(APRIL_2.toInstant(), ZoneOffset.UTC);
    BillingSettings settings =
        new BillingSettings(
            "free",
            "USD",
            new BigDecimal("20"),
            TestDatabases.tempDir().resolve("usage-journal"),
            500,
            java.time.Duration.ofMinutes(1),
            90,
            java.time.Duration.ofMinutes(1));
    try (Database database = TestDatabases.open(kind);
        Billing billing = new Billing(database, settings, clock, w -> {})) {
      UUID tenant =
          TestDatabases.tenant(database, OffsetDateTime.of(2027, 2, 1, 0, 0, 0, 0, ZoneOffset.UTC));
      UUID idle =
          TestDatabases.tenant(database, OffsetDateTime.of(2027, 2, 1, 0, 0, 0, 0, ZoneOffset.UTC));
      TestDatabases.tenant(database, OffsetDateTime.of(2027, 4, 1, 12, 0, 0, 0, ZoneOffset.UTC));
      database
          .dsl()
          .transaction(
              c ->
                  billing
                      .subscriptions()
                      .change(
                          c.dsl(),
                          tenant,
                          "pro",
                          InvoiceCalculatorTest.MARCH_11,
                          new BigDecimal("10"),
                          APRIL_2));
      int n = 0;
      for (MeterUsage use : InvoiceCalculatorTest.USAGE) {
        // Spread over the month, and one event in April that must not count.
        billing
            .recorder()
            .record(
                new UsageEvent(
                    tenant,
                    "e" + n++,
                    UsageEvent.NO_KEY,
                    use.plugin(),
                    "",
                    use.meter(),
                    use.quantity() - 1,
                    OffsetDateTime.of(2027, 3, 2 + n, 5, 0, 0, 0, ZoneOffset.UTC)))
            .join();
        billing
            .recorder()
            .record(
                new UsageEvent(
                    tenant,
                    "e" + n++,
                    UsageEvent.NO_KEY,
                    use.plugin(),
                    "",
                    use.meter(),
                    1,
                    OffsetDateTime.of(2027, 3, 31, 23, 59, 59, 0, ZoneOffset.UTC)))
            .join();
      }
      billing
          .recorder()
          .record(
              new UsageEvent(
                  tenant, "april", UsageEvent.NO_KEY, "", "", "requests", 5, APRIL_2.minusHours(1)))
          .join();

      CloseProgress first = billing.invoiceClose().run(BillingPeriod.parse("2027-03"), false);
      assertThat(first.state()).isEqualTo("done");
      assertThat(first.invoicesCreated())
          .isEqualTo(2); // the tenant and the idle one; not the April one
      assertThat(first.tenantsSkipped()).isEqualTo(1);
      InvoiceRepository invoices = new InvoiceRepository(database.dsl());
      Invoice invoice = invoices.list(tenant, false).get(0);
      InvoiceCalculatorTest.assertHandComputed(invoices.find(tenant, invoice.id()).orElseThrow());
      assertThat(invoice.status()).isEqualTo(Invoice.FINALISED);
      Invoice idleInvoice = invoices.list(idle, false).get(0);
      assertThat(idleInvoice.total()).isEqualByComparingTo("0.00");

      CloseProgress second = billing.invoiceClose().run(BillingPeriod.parse("2027-03"), false);
      assertThat(second.invoicesCreated()).isZero();
      assertThat(invoices.listPeriod("2027-03")).hasSize(2);

      assertThat(invoices.voidInvoice(invoice.id(), APRIL_2)).isTrue();
      assertThat(
              billing.invoiceClose().run(BillingPeriod.parse("2027-03"), false).invoicesCreated())
          .isEqualTo(1);
      assertThat(invoices.list(tenant, false))
          .extracting(Invoice::status)
          .containsExactlyInAnyOrder("finalised", "void");
      assertThat(invoices.find(UUID.randomUUID(), invoice.id()))
          .as("another tenant's lookup")
          .isEmpty();

      assertThatThrownBy(() -> billing.invoiceClose().run(BillingPeriod.parse("2027-04"), false))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aPlanChangeEndsTheCurrentSubscriptionAndReplacesScheduledOnes(Kind kind) {
    try (Database database = TestDatabases.open(kind)) {
      Subscriptions subscriptions = new Subscriptions("free");
      OffsetDateTime created = OffsetDateTime.of(2027, 1, 5, 0, 0, 0, 0, ZoneOffset.UTC);
      UUID tenant = TestDatabases.tenant(database, created);
      assertThat(subscriptions.timeline(database.dsl(), tenant))
          .singleElement()
          .extracting(s -> s.planId())
          .isEqualTo("free");
      OffsetDateTime feb = created.plusMonths(1);
      database
          .dsl()
          .transaction(
              c -> subscriptions.change(c.dsl(), tenant, "pro", feb, BigDecimal.ZERO, feb));
      database
          .dsl()
          .transaction(
              c ->
                  subscriptions.change(
                      c.dsl(), tenant, "enterprise", feb.plusMonths(2), BigDecimal.ZERO, feb));
      database
          .dsl()
          .transaction(
              c ->
                  subscriptions.change(
                      c.dsl(), tenant, "free", feb.plusMonths(1), BigDecimal.ZERO, feb));
      var timeline = subscriptions.timeline(database.dsl(), tenant);
      assertThat(timeline).extracting(s -> s.planId()).containsExactly("free", "pro", "free");
      assertThat(timeline.get(0).endsAt()).isEqualTo(feb);
      assertThat(timeline.get(1).endsAt()).isEqualTo(feb.plusMonths(1));
      assertThat(timeline.get(2).endsAt()).isNull();
      assertThat(Subscriptions.at(timeline, feb.plusDays(3)).orElseThrow().planId())
          .isEqualTo("pro");
      assertThatThrownBy(
              () ->
                  database
                      .dsl()
                      .transaction(
                          c ->
                              subscriptions.change(
                                  c.dsl(),
                                  tenant,
                                  "pro",
                                  created.minusDays(1),
                                  BigDecimal.ZERO,
                                  feb)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void twoClosesOfTheSameMonthAtOnceWriteEachInvoiceOnce(Kind kind) throws Exception {
    // Two replicas close the month together: their transactions of 50 tenants collide on the
    // unique live invoice, and the group that loses is invoiced again one tenant at a time.
    Clock clock = Clock.fixed(APRIL_2.toInstant(), ZoneOffset.UTC);
    int tenants = 240;
    try (Database database = TestDatabases.open(kind);
        Billing one = new Billing(database, closeSettings(), clock, w -> {});
        Billing other = new Billing(database, closeSettings(), clock, w -> {})) {
      for (int t = 0; t < tenants; t++) {
        TestDatabases.tenant(database, OffsetDateTime.of(2027, 2, 1, 0, 0, 0, 0, ZoneOffset.UTC));
      }
      BillingPeriod march = BillingPeriod.parse("2027-03");
      CompletableFuture<CloseProgress> first =
          CompletableFuture.supplyAsync(() -> one.invoiceClose().run(march, false));
      CloseProgress second = other.invoiceClose().run(march, false);
      CloseProgress firstDone = first.get(2, TimeUnit.MINUTES);

      assertThat(firstDone.state()).isEqualTo("done");
      assertThat(second.state()).isEqualTo("done");
      assertThat(firstDone.invoicesCreated() + second.invoicesCreated()).isEqualTo(tenants);
      assertThat(firstDone.tenantsDone()).isEqualTo(tenants);
      assertThat(second.tenantsDone()).isEqualTo(tenants);
      List<Invoice> invoices = new InvoiceRepository(database.dsl()).listPeriod("2027-03");
      assertThat(invoices).hasSize(tenants);
      assertThat(invoices).extracting(Invoice::tenantId).doesNotHaveDuplicates();
    }
  }

  @Test
  void eachUnitOfTheClosesDatabaseWorkRunsOnTheExecutorBillingIsGiven() {
    // The server gives its atrium-db executor; no connection is taken on the thread of the run.
    Clock clock = Clock.fixed(APRIL_2.toInstant(), ZoneOffset.UTC);
    ExecutorService jdbc =
        Executors.newFixedThreadPool(2, Thread.ofPlatform().name("close-jdbc-", 0).factory());
    int tenants = 60; // two groups of a transaction each
    try (Database database = TestDatabases.open(Kind.H2);
        Billing billing = new Billing(database, closeSettings(), clock, w -> {}, jdbc)) {
      for (int t = 0; t < tenants; t++) {
        TestDatabases.tenant(database, OffsetDateTime.of(2027, 2, 1, 0, 0, 0, 0, ZoneOffset.UTC));
      }
      Set<String> threads = ConcurrentHashMap.newKeySet();
      database.observeConnections(() -> threads.add(Thread.currentThread().getName()));

      CloseProgress done = billing.invoiceClose().run(BillingPeriod.parse("2027-03"), false);

      assertThat(done.state()).isEqualTo("done");
      assertThat(done.invoicesCreated()).isEqualTo(tenants);
      assertThat(threads)
          .as("threads that took a connection during the close")
          .anyMatch(name -> name.startsWith("close-jdbc-"))
          .allMatch(
              name ->
                  name.startsWith("close-jdbc-")
                      || name.startsWith("atrium-billing-")
                      || name.equals("atrium-usage-ledger"));
    } finally {
      jdbc.shutdownNow();
    }
  }

  private static BillingSettings closeSettings() {
    return InvoiceCloseCrashTest.settings(TestDatabases.tempDir().resolve("usage-journal"));
  }
}
