package dev.atrium.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.billing.TestDatabases.Kind;
import dev.atrium.persistence.Database;
import dev.atrium.persistence.billing.Invoice;
import dev.atrium.persistence.billing.InvoiceRepository;
import dev.atrium.persistence.billing.Plan;
import dev.atrium.persistence.billing.PlanRepository;
import dev.atrium.persistence.billing.UsageEvent;
import dev.atrium.persistence.billing.UsageRepository;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The process closing a month is killed with SIGKILL half-way through its tenants. Every invoice it
 * wrote is whole (the fee and usage lines with it: one transaction per tenant), none is written
 * twice, and closing the month again after the restart writes exactly the invoices still missing,
 * each equal to the one an uninterrupted close computes.
 */
final class InvoiceCloseCrashTest {
  static final String PERIOD = "2027-03";
  static final OffsetDateTime AFTER_THE_MONTH =
      OffsetDateTime.of(2027, 4, 2, 0, 0, 0, 0, ZoneOffset.UTC);
  private static final int TENANTS = 150;
  private static final int KILL_AFTER = 10;

  static BillingSettings settings(Path journal) {
    return new BillingSettings(
        "pro",
        "USD",
        new BigDecimal("10"),
        journal,
        500,
        Duration.ofMillis(20),
        90,
        Duration.ofMinutes(1));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aCloseKilledHalfWayIsFinishedByTheNextOneWithEveryInvoiceOnce(Kind kind) throws Exception {
    String url = TestDatabases.url(kind);
    Clock clock = Clock.fixed(AFTER_THE_MONTH.toInstant(), ZoneOffset.UTC);
    List<UUID> tenants = new ArrayList<>();
    try (Database database = Database.open(url, "postgres", "postgres", 4);
        Billing billing =
            new Billing(database, settings(TestDatabases.tempDir().resolve("j")), clock, w -> {})) {
      List<CompletableFuture<Void>> usage = new ArrayList<>();
      for (int t = 0; t < TENANTS; t++) {
        UUID tenant =
            TestDatabases.tenant(
                database, OffsetDateTime.of(2027, 2, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        tenants.add(tenant);
        // Usage above the plan's allowance, different per tenant, so that invoices differ.
        usage.add(
            billing
                .recorder()
                .record(
                    new UsageEvent(
                        tenant,
                        "march",
                        UsageEvent.NO_KEY,
                        "",
                        "",
                        "embedding_tokens",
                        20_000_000L + 1_000L * t,
                        OffsetDateTime.of(2027, 3, 15, 12, 0, 0, 0, ZoneOffset.UTC))));
      }
      CompletableFuture.allOf(usage.toArray(CompletableFuture[]::new)).join();
    }

    Process child =
        TestDatabases.child(
            InvoiceCloseCrashChild.class, url, TestDatabases.tempDir().resolve("j").toString());
    int seenDone = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (seenDone < KILL_AFTER && (line = out.readLine()) != null) {
        if (line.startsWith("DONE ")) {
          seenDone = Integer.parseInt(line.substring(5));
        }
      }
      child.destroyForcibly(); // SIGKILL, in the middle of a tenant's transaction or between two
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(seenDone).isGreaterThanOrEqualTo(KILL_AFTER);

    try (Database database = Database.open(url, "postgres", "postgres", 4);
        Billing billing =
            new Billing(database, settings(TestDatabases.tempDir().resolve("j")), clock, w -> {})) {
      InvoiceRepository invoices = new InvoiceRepository(database.dsl());
      List<Invoice> beforeRestart = invoices.listPeriod(PERIOD);
      assertThat(beforeRestart.size())
          .as("the kill came half-way")
          .isGreaterThanOrEqualTo(KILL_AFTER)
          .isLessThan(TENANTS);
      assertThat(beforeRestart).extracting(Invoice::tenantId).doesNotHaveDuplicates();
      Map<UUID, Invoice> written =
          beforeRestart.stream()
              .map(i -> invoices.find(i.tenantId(), i.id()).orElseThrow())
              .collect(Collectors.toMap(Invoice::tenantId, Function.identity()));

      // After the restart nothing remembers the interrupted run: the operator closes again.
      assertThat(billing.invoiceClose().progress(BillingPeriod.parse(PERIOD))).isEmpty();
      CloseProgress again = billing.invoiceClose().run(BillingPeriod.parse(PERIOD), false);
      assertThat(again.state()).isEqualTo("done");
      assertThat(again.invoicesCreated()).isEqualTo(TENANTS - written.size());
      assertThat(again.tenantsSkipped()).isEqualTo(written.size());

      List<Invoice> all = invoices.listPeriod(PERIOD);
      assertThat(all).hasSize(TENANTS);
      assertThat(all).extracting(Invoice::tenantId).doesNotHaveDuplicates();
      for (Invoice summary : all) {
        Invoice invoice = invoices.find(summary.tenantId(), summary.id()).orElseThrow();
        Invoice expected =
            billing
                .calculator()
                .calculate(
                    invoice.id(),
                    invoice.tenantId(),
                    BillingPeriod.parse(PERIOD),
                    segments(billing, database, invoice.tenantId()),
                    new UsageRepository(database.dsl())
                        .totals(
                            invoice.tenantId(),
                            BillingPeriod.parse(PERIOD).firstDay(),
                            BillingPeriod.parse(PERIOD).endDay()),
                    Invoice.FINALISED,
                    invoice.issuedAt());
        assertThat(invoice.total()).isEqualByComparingTo(expected.total());
        assertThat(invoice.lines()).hasSameSizeAs(expected.lines());
      }
    }
  }

  private static List<PlanSegment> segments(Billing billing, Database database, UUID tenant) {
    BillingPeriod period = BillingPeriod.parse(PERIOD);
    Map<String, Plan> plans =
        new PlanRepository(database.dsl())
            .list().stream().collect(Collectors.toMap(Plan::id, Function.identity()));
    return Subscriptions.segments(
        billing.subscriptions().timeline(database.dsl(), tenant),
        plans,
        period.start(),
        period.end());
  }
}
