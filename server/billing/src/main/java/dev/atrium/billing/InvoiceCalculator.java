package dev.atrium.billing;

import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.billing.Invoice;
import dev.atrium.persistence.billing.InvoiceLine;
import dev.atrium.persistence.billing.MeterUsage;
import dev.atrium.persistence.billing.Plan;
import dev.atrium.persistence.billing.PlanMeter;
import dev.atrium.persistence.billing.PriceTier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Computes a month's invoice from the tenant's plan segments and its usage. Pure: no I/O, no clock.
 * The rules (also in docs/billing.md):
 *
 * <ul>
 *   <li>Fee: each segment's monthly fee times the share of the month's seconds it covers, rounded
 *       to cents (one line per segment).
 *   <li>Allowance per meter: the segments' allowances prorated the same way, summed, rounded
 *       half-even to whole units.
 *   <li>Usage is priced with the tiers of the plan in force at the end of the month (as metered
 *       billing does elsewhere). The allowance is consumed plugin by plugin in name order ({@code
 *       ""}, the platform, first); billable units are numbered from 0 across the meter and priced
 *       by graduated tiers; one line per plugin and tier, amount rounded to cents.
 *   <li>Discount: the last segment's percentage of the subtotal; tax: {@code taxPercent} of the
 *       discounted subtotal; each rounded to cents. Total = subtotal - discount + tax.
 * </ul>
 */
public final class InvoiceCalculator {
  private static final List<PriceTier> FREE = List.of(new PriceTier(0, BigDecimal.ZERO));

  private final String currency;
  private final BigDecimal taxPercent;

  public InvoiceCalculator(String currency, BigDecimal taxPercent) {
    this.currency = requireNonNull(currency, "currency is null");
    this.taxPercent = requireNonNull(taxPercent, "taxPercent is null");
  }

  public Invoice calculate(
      UUID invoiceId,
      UUID tenantId,
      BillingPeriod period,
      List<PlanSegment> segments,
      List<MeterUsage> usage,
      String status,
      OffsetDateTime issuedAt) {
    if (segments.isEmpty()) {
      throw new IllegalArgumentException(
          "a tenant without a plan segment in the period has no invoice");
    }
    List<InvoiceLine> lines = new ArrayList<>();
    Map<String, BigDecimal> allowanceTimesSeconds = new TreeMap<>();
    long periodSeconds = period.seconds();
    for (PlanSegment segment : segments) {
      OffsetDateTime from = max(segment.start(), period.start());
      OffsetDateTime to = segment.end() == null ? period.end() : min(segment.end(), period.end());
      long covered = Math.max(0, Duration.between(from, to).toSeconds());
      Plan plan = segment.plan();
      lines.add(
          new InvoiceLine(
              lines.size() + 1,
              InvoiceLine.FEE,
              plan.name() + " plan, " + from + " to " + to,
              null,
              null,
              1,
              0,
              plan.monthlyFee(),
              Money.prorate(plan.monthlyFee(), covered, periodSeconds)));
      plan.meters()
          .values()
          .forEach(
              m ->
                  allowanceTimesSeconds.merge(
                      m.meter(),
                      BigDecimal.valueOf(m.included()).multiply(BigDecimal.valueOf(covered)),
                      BigDecimal::add));
    }
    Plan pricing = segments.get(segments.size() - 1).plan();
    Map<String, List<MeterUsage>> byMeter = new TreeMap<>();
    usage.stream()
        .filter(u -> u.quantity() > 0)
        .sorted(Comparator.comparing(MeterUsage::meter).thenComparing(MeterUsage::plugin))
        .forEach(u -> byMeter.computeIfAbsent(u.meter(), k -> new ArrayList<>()).add(u));
    byMeter.forEach(
        (meter, uses) -> {
          long allowance =
              allowanceTimesSeconds
                  .getOrDefault(meter, BigDecimal.ZERO)
                  .divide(BigDecimal.valueOf(periodSeconds), 0, RoundingMode.HALF_EVEN)
                  .longValueExact();
          PlanMeter terms = pricing.meters().get(meter);
          List<PriceTier> tiers = terms == null || terms.tiers().isEmpty() ? FREE : terms.tiers();
          long position = 0;
          for (MeterUsage use : uses) {
            position = addUsageLines(lines, use, position, allowance, tiers);
          }
        });
    BigDecimal subtotal =
        lines.stream().map(InvoiceLine::amount).reduce(Money.zero(), BigDecimal::add);
    BigDecimal discountPercent = segments.get(segments.size() - 1).discountPercent();
    BigDecimal discount = Money.percentOf(subtotal, discountPercent);
    BigDecimal tax = Money.percentOf(subtotal.subtract(discount), taxPercent);
    return new Invoice(
        invoiceId,
        tenantId,
        period.toString(),
        status,
        currency,
        subtotal,
        discountPercent,
        discount,
        taxPercent,
        tax,
        subtotal.subtract(discount).add(tax),
        issuedAt,
        Invoice.FINALISED.equals(status) ? issuedAt : null,
        null,
        lines);
  }

  /**
   * Adds the lines of one plugin's use of a meter, whose units occupy positions [position, position
   * + quantity) of the meter's month; returns the position after them.
   */
  private static long addUsageLines(
      List<InvoiceLine> lines,
      MeterUsage use,
      long position,
      long allowance,
      List<PriceTier> tiers) {
    long end = position + use.quantity();
    long included = Math.max(0, Math.min(end, allowance) - position);
    long billableFrom = Math.max(position, allowance) - allowance;
    long billableTo = end - allowance;
    String what = use.meter() + (use.plugin().isEmpty() ? "" : " via " + use.plugin());
    if (billableTo <= billableFrom) {
      lines.add(usageLine(lines, what, use, included, 0, tiers.get(0)));
      return end;
    }
    boolean first = true;
    for (int i = 0; i < tiers.size(); i++) {
      long tierFrom = tiers.get(i).firstUnit();
      long tierTo = i + 1 < tiers.size() ? tiers.get(i + 1).firstUnit() : Long.MAX_VALUE;
      long from = Math.max(billableFrom, tierFrom);
      long to = Math.min(billableTo, tierTo);
      if (to > from) {
        String label = tiers.size() > 1 ? what + ", tier from unit " + tierFrom : what;
        lines.add(usageLine(lines, label, use, first ? included : 0, to - from, tiers.get(i)));
        first = false;
      }
    }
    return end;
  }

  private static InvoiceLine usageLine(
      List<InvoiceLine> lines,
      String description,
      MeterUsage use,
      long included,
      long billable,
      PriceTier tier) {
    return new InvoiceLine(
        lines.size() + 1,
        InvoiceLine.USAGE,
        description,
        use.meter(),
        use.plugin(),
        included + billable,
        included,
        tier.unitPrice(),
        Money.amount(billable, tier.unitPrice()));
  }

  private static OffsetDateTime max(OffsetDateTime a, OffsetDateTime b) {
    return a.isAfter(b) ? a : b;
  }

  private static OffsetDateTime min(OffsetDateTime a, OffsetDateTime b) {
    return a.isBefore(b) ? a : b;
  }
}
