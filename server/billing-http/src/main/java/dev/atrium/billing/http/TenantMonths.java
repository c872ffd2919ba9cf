package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.Billing;
import dev.atrium.billing.BillingPeriod;
import dev.atrium.billing.QuotaWarning;
import dev.atrium.billing.Subscriptions;
import dev.atrium.persistence.billing.Invoice;
import dev.atrium.persistence.billing.MeterUsage;
import dev.atrium.persistence.billing.Plan;
import dev.atrium.persistence.billing.PlanMeter;
import dev.atrium.persistence.billing.PlanRepository;
import dev.atrium.persistence.billing.Subscription;
import dev.atrium.persistence.billing.UsageRepository;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * A tenant's month in money, read the way its invoice will be computed: its plan history, the plan
 * in force, the month's usage and the invoice estimate (the same calculator the monthly close
 * runs). Shared by the tenant's summary, the plan-change preview and the operator's tenant views.
 */
final class TenantMonths {
  private final Billing billing;

  TenantMonths(Billing billing) {
    this.billing = requireNonNull(billing, "billing is null");
  }

  static Map<String, Plan> plans(DSLContext dsl) {
    return new PlanRepository(dsl)
        .list().stream().collect(Collectors.toMap(Plan::id, Function.identity()));
  }

  /** The month containing {@code now}; throws NoSuchElementException for no tenant. */
  TenantMonth read(DSLContext dsl, Map<String, Plan> plans, UUID tenantId, OffsetDateTime now) {
    List<Subscription> timeline = billing.subscriptions().timeline(dsl, tenantId);
    BillingPeriod period = BillingPeriod.containing(now);
    List<MeterUsage> usage =
        new UsageRepository(dsl).totals(tenantId, period.firstDay(), period.endDay());
    Subscription current = Subscriptions.at(timeline, now).orElse(null);
    Plan plan =
        plans.get(current == null ? billing.subscriptions().defaultPlanId() : current.planId());
    Invoice estimate = estimate(tenantId, period, timeline, plans, usage, now, now);
    return new TenantMonth(tenantId, period, timeline, current, plan, usage, estimate);
  }

  /**
   * The invoice of {@code period} for {@code timeline} as it stands up to {@code until} (the
   * segment in force then runs to the month's end), priced on the usage so far.
   */
  Invoice estimate(
      UUID tenantId,
      BillingPeriod period,
      List<Subscription> timeline,
      Map<String, Plan> plans,
      List<MeterUsage> usage,
      OffsetDateTime until,
      OffsetDateTime now) {
    return billing
        .calculator()
        .calculate(
            UUID.randomUUID(),
            tenantId,
            period,
            Subscriptions.segments(timeline, plans, period.start(), until),
            usage,
            Invoice.DRAFT,
            now);
  }

  /** The subscription history as the API shows it, oldest first. */
  static JsonArray history(List<Subscription> timeline) {
    return new JsonArray(
        timeline.stream()
            .map(
                s ->
                    (Object)
                        new JsonObject()
                            .put("planId", s.planId())
                            .put("startsAt", Timestamps.rfc3339(s.startsAt()))
                            .put("endsAt", Timestamps.rfc3339(s.endsAt()))
                            .put("discountPercent", s.discountPercent().toPlainString()))
            .toList());
  }

  /** One tenant's month: see {@link TenantMonths}. {@code current} is null before signup. */
  record TenantMonth(
      UUID tenantId,
      BillingPeriod period,
      List<Subscription> timeline,
      Subscription current,
      Plan plan,
      List<MeterUsage> usage,
      Invoice estimate) {

    /** Units of {@code meter} used this month, all plugins together. */
    long used(String meter) {
      return usage.stream()
          .filter(u -> u.meter().equals(meter))
          .mapToLong(MeterUsage::quantity)
          .sum();
    }

    /** Where the plan starts warning about {@code meter}: its soft limit, else its hard limit. */
    Long warnAt(String meter) {
      PlanMeter terms = plan.meters().get(meter);
      return terms == null
          ? null
          : terms.softLimit() != null ? terms.softLimit() : terms.hardLimit();
    }

    /** 0, 80 or 100: how close {@code meter} is to its limit (see {@link QuotaWarning#level}). */
    int warningLevel(String meter) {
      return QuotaWarning.level(used(meter), warnAt(meter));
    }
  }
}
