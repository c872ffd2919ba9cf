package dev.atrium.app.billing;

import dev.atrium.billing.Billing;
import dev.atrium.billing.BillingPeriod;
import dev.atrium.billing.PlanSegment;
import dev.atrium.billing.Subscriptions;
import dev.atrium.persistence.billing.Invoice;
import dev.atrium.persistence.billing.MeterUsage;
import dev.atrium.persistence.billing.Plan;
import dev.atrium.persistence.billing.PlanRepository;
import dev.atrium.persistence.billing.Subscription;
import dev.atrium.persistence.billing.UsageRepository;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * A tenant's charges this month so far: the invoice the month would get if it ended now (fee
 * segments, usage beyond allowances, discount and tax), with the plan in force and the usage it
 * priced. Read from the daily rollup: flush the usage journal first to include every acknowledged
 * request.
 */
record ChargesEstimate(Plan plan, BillingPeriod period, List<MeterUsage> usage, Invoice invoice) {

  static ChargesEstimate of(Billing billing, DSLContext dsl, UUID tenantId, OffsetDateTime now) {
    BillingPeriod period = BillingPeriod.containing(now);
    Map<String, Plan> plans =
        new PlanRepository(dsl)
            .list().stream().collect(Collectors.toMap(Plan::id, Function.identity()));
    List<Subscription> timeline = billing.subscriptions().timeline(dsl, tenantId);
    List<PlanSegment> segments = Subscriptions.segments(timeline, plans, period.start(), now);
    List<MeterUsage> usage =
        new UsageRepository(dsl).totals(tenantId, period.firstDay(), period.endDay());
    Plan plan =
        plans.get(
            Subscriptions.at(timeline, now)
                .map(Subscription::planId)
                .orElse(billing.subscriptions().defaultPlanId()));
    Invoice estimate =
        billing
            .calculator()
            .calculate(UUID.randomUUID(), tenantId, period, segments, usage, Invoice.DRAFT, now);
    return new ChargesEstimate(plan, period, usage, estimate);
  }
}
