package dev.atrium.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.billing.TestDatabases.Kind;
import dev.atrium.persistence.Database;
import dev.atrium.persistence.billing.Invoice;
import dev.atrium.persistence.billing.InvoiceLine;
import dev.atrium.persistence.billing.MeterUsage;
import dev.atrium.persistence.billing.Plan;
import dev.atrium.persistence.billing.PlanRepository;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The invoice of a tenant on Free for 10 days of March 2027 and on Pro (10% off) for 21, against
 * figures computed by hand (see the comments), with the seeded plans.
 */
final class InvoiceCalculatorTest {
  static final OffsetDateTime MARCH_11 = OffsetDateTime.of(2027, 3, 11, 0, 0, 0, 0, ZoneOffset.UTC);
  static final BillingPeriod MARCH = BillingPeriod.parse("2027-03");

  /**
   * Usage chosen so each rounding rule shows. Allowances (Free 10/31 + Pro 21/31 of a month):
   * requests 3,225.806 + 677,419.355 = 680,645 units; embedding tokens 322,580.645 + 33,870,967.742
   * = 34,193,548; CPU ms 1,161,290.323 + 243,870,967.742 = 245,032,258.
   */
  static final List<MeterUsage> USAGE =
      List.of(
          new MeterUsage("requests", "", 700_000),
          new MeterUsage("requests", "tutoring", 50_000),
          new MeterUsage("embedding_tokens", "", 34_193_548L + 1_000_000_000L + 1_000),
          new MeterUsage("compute_ms.cpu", "", 245_032_258L + 500_000));

  /** Expected lines: fees, then meters by name, plugins by name ("" first), tiers in order. */
  static void assertHandComputed(Invoice invoice) {
    assertThat(invoice.lines())
        .extracting(
            InvoiceLine::meter,
            InvoiceLine::plugin,
            InvoiceLine::quantity,
            InvoiceLine::included,
            InvoiceLine::amount)
        .containsExactly(
            // Free: 0.00 for 10 days; Pro: 49.00 * 21/31 = 33.1935... -> 33.19
            org.assertj.core.groups.Tuple.tuple(null, null, 1L, 0L, new BigDecimal("0.00")),
            org.assertj.core.groups.Tuple.tuple(null, null, 1L, 0L, new BigDecimal("33.19")),
            // 500,000 billable ms * 0.00000005 = 0.025 -> half-even 0.02
            org.assertj.core.groups.Tuple.tuple(
                "compute_ms.cpu", "", 245_532_258L, 245_032_258L, new BigDecimal("0.02")),
            // first 1e9 billable tokens * 0.00000002 = 20.00; next 1,000 * 0.000000015 = 0.000015
            // -> 0.00
            org.assertj.core.groups.Tuple.tuple(
                "embedding_tokens", "", 1_034_193_548L, 34_193_548L, new BigDecimal("20.00")),
            org.assertj.core.groups.Tuple.tuple(
                "embedding_tokens", "", 1_000L, 0L, new BigDecimal("0.00")),
            // platform requests use the allowance first: 19,355 billable * 0.0004 = 7.742 -> 7.74
            org.assertj.core.groups.Tuple.tuple(
                "requests", "", 700_000L, 680_645L, new BigDecimal("7.74")),
            // tutoring's 50,000 are all billable: 20.00
            org.assertj.core.groups.Tuple.tuple(
                "requests", "tutoring", 50_000L, 0L, new BigDecimal("20.00")));
    // 0.00 + 33.19 + 0.02 + 20.00 + 0.00 + 7.74 + 20.00
    assertThat(invoice.subtotal()).isEqualByComparingTo("80.95");
    // 10% of 80.95 = 8.095 -> half-even 8.10
    assertThat(invoice.discount()).isEqualByComparingTo("8.10");
    // 20% of 72.85 = 14.57
    assertThat(invoice.tax()).isEqualByComparingTo("14.57");
    assertThat(invoice.total()).isEqualByComparingTo("87.42");
    assertThat(invoice.currency()).isEqualTo("USD");
  }

  @Test
  void proratesFeesAndAllowancesAndRoundsEachLineHalfEvenToCents() {
    try (Database database = TestDatabases.open(Kind.H2)) {
      PlanRepository plans = new PlanRepository(database.dsl());
      Plan free = plans.find("free").orElseThrow();
      Plan pro = plans.find("pro").orElseThrow();
      List<PlanSegment> segments =
          List.of(
              new PlanSegment(free, MARCH.start().minusMonths(1), MARCH_11, BigDecimal.ZERO),
              new PlanSegment(pro, MARCH_11, null, new BigDecimal("10")));
      Invoice invoice =
          new InvoiceCalculator("USD", new BigDecimal("20"))
              .calculate(
                  UUID.randomUUID(),
                  UUID.randomUUID(),
                  MARCH,
                  segments,
                  USAGE,
                  Invoice.FINALISED,
                  MARCH.end());
      assertHandComputed(invoice);
    }
  }

  @Test
  void moneyRoundsHalfEven() {
    assertThat(Money.amount(1, new BigDecimal("0.125"))).isEqualByComparingTo("0.12");
    assertThat(Money.amount(1, new BigDecimal("0.135"))).isEqualByComparingTo("0.14");
    assertThat(Money.prorate(new BigDecimal("10.00"), 1, 3)).isEqualByComparingTo("3.33");
    assertThat(Money.percentOf(new BigDecimal("0.25"), new BigDecimal("10")))
        .isEqualByComparingTo("0.02");
  }
}
