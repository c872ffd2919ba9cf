package dev.atrium.persistence.billing;

import static dev.atrium.persistence.jooq.Tables.PLANS;
import static dev.atrium.persistence.jooq.Tables.PLAN_METERS;
import static dev.atrium.persistence.jooq.Tables.PLAN_PRICE_TIERS;
import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.jooq.tables.records.PlanMetersRecord;
import dev.atrium.persistence.jooq.tables.records.PlanPriceTiersRecord;
import dev.atrium.persistence.jooq.tables.records.PlansRecord;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Plans with their meters and price tiers; an update replaces a plan's terms as a whole. */
public final class PlanRepository {
  private final DSLContext dsl;

  public PlanRepository(DSLContext dsl) {
    this.dsl = requireNonNull(dsl, "dsl is null");
  }

  public List<Plan> list() {
    return load(DSL.noCondition());
  }

  public Optional<Plan> find(String planId) {
    return load(PLANS.ID.eq(planId)).stream().findFirst();
  }

  /** Inserts a new plan; the caller runs this in a transaction. */
  public void insert(Plan plan) {
    dsl.insertInto(PLANS).set(toRecord(plan)).execute();
    insertTerms(plan);
  }

  /** Replaces an existing plan's fields and terms; returns false if there is no such plan. */
  public boolean replace(Plan plan) {
    int updated = dsl.update(PLANS).set(toRecord(plan)).where(PLANS.ID.eq(plan.id())).execute();
    if (updated == 0) {
      return false;
    }
    dsl.deleteFrom(PLAN_PRICE_TIERS).where(PLAN_PRICE_TIERS.PLAN_ID.eq(plan.id())).execute();
    dsl.deleteFrom(PLAN_METERS).where(PLAN_METERS.PLAN_ID.eq(plan.id())).execute();
    insertTerms(plan);
    return true;
  }

  /** Gives every plan that lacks {@code meter} the terms {@code terms} (a plugin's new meter). */
  public void addMeterWhereMissing(PlanMeter terms) {
    for (String planId : dsl.select(PLANS.ID).from(PLANS).fetch(PLANS.ID)) {
      boolean present =
          dsl.fetchExists(
              PLAN_METERS, PLAN_METERS.PLAN_ID.eq(planId).and(PLAN_METERS.METER.eq(terms.meter())));
      if (!present) {
        insertMeter(planId, terms);
      }
    }
  }

  private void insertTerms(Plan plan) {
    plan.meters().values().forEach(m -> insertMeter(plan.id(), m));
  }

  private void insertMeter(String planId, PlanMeter m) {
    dsl.insertInto(PLAN_METERS)
        .set(PLAN_METERS.PLAN_ID, planId)
        .set(PLAN_METERS.METER, m.meter())
        .set(PLAN_METERS.INCLUDED, m.included())
        .set(PLAN_METERS.SOFT_LIMIT, m.softLimit())
        .set(PLAN_METERS.HARD_LIMIT, m.hardLimit())
        .execute();
    for (PriceTier tier : m.tiers()) {
      dsl.insertInto(PLAN_PRICE_TIERS)
          .set(PLAN_PRICE_TIERS.PLAN_ID, planId)
          .set(PLAN_PRICE_TIERS.METER, m.meter())
          .set(PLAN_PRICE_TIERS.FIRST_UNIT, tier.firstUnit())
          .set(PLAN_PRICE_TIERS.UNIT_PRICE, tier.unitPrice())
          .execute();
    }
  }

  private List<Plan> load(Condition which) {
    List<PlansRecord> plans =
        dsl.selectFrom(PLANS).where(which).orderBy(PLANS.MONTHLY_FEE, PLANS.ID).fetch();
    List<String> ids = plans.stream().map(PlansRecord::getId).toList();
    Map<String, List<PlanMeterRecord>> metersByPlan =
        dsl.selectFrom(PLAN_METERS).where(PLAN_METERS.PLAN_ID.in(ids)).fetch().stream()
            .map(PlanMeterRecord::new)
            .collect(Collectors.groupingBy(m -> m.row().getPlanId()));
    Map<String, List<PlanPriceTiersRecord>> tiers =
        dsl
            .selectFrom(PLAN_PRICE_TIERS)
            .where(PLAN_PRICE_TIERS.PLAN_ID.in(ids))
            .orderBy(PLAN_PRICE_TIERS.FIRST_UNIT)
            .fetch()
            .stream()
            .collect(Collectors.groupingBy(t -> t.getPlanId() + "\n" + t.getMeter()));
    return plans.stream()
        .map(
            p ->
                new Plan(
                    p.getId(),
                    p.getName(),
                    p.getMonthlyFee(),
                    new RateLimits(
                        p.getKeyRequestsPerMinute(),
                        p.getTenantRequestsPerMinute(),
                        p.getKeyTokensPerMinute(),
                        p.getTenantTokensPerMinute()),
                    p.getMaxConcurrency(),
                    p.getPoolWeight(),
                    new LinkedHashSet<>(Arrays.asList(p.getAllowedPlugins().split(" "))),
                    metersByPlan.getOrDefault(p.getId(), List.of()).stream()
                        .map(m -> m.toPlanMeter(tiers))
                        .collect(Collectors.toMap(PlanMeter::meter, Function.identity())),
                    p.getUpdatedAt()))
        .toList();
  }

  private static PlansRecord toRecord(Plan plan) {
    return new PlansRecord()
        .setId(plan.id())
        .setName(plan.name())
        .setMonthlyFee(plan.monthlyFee())
        .setKeyRequestsPerMinute(plan.rateLimits().keyRequestsPerMinute())
        .setTenantRequestsPerMinute(plan.rateLimits().tenantRequestsPerMinute())
        .setKeyTokensPerMinute(plan.rateLimits().keyTokensPerMinute())
        .setTenantTokensPerMinute(plan.rateLimits().tenantTokensPerMinute())
        .setMaxConcurrency(plan.maxConcurrency())
        .setPoolWeight(plan.poolWeight())
        .setAllowedPlugins(String.join(" ", plan.allowedPlugins().stream().sorted().toList()))
        .setUpdatedAt(plan.updatedAt());
  }

  private record PlanMeterRecord(PlanMetersRecord row) {
    PlanMeter toPlanMeter(Map<String, List<PlanPriceTiersRecord>> tiers) {
      return new PlanMeter(
          row.getMeter(),
          row.getIncluded(),
          row.getSoftLimit(),
          row.getHardLimit(),
          tiers.getOrDefault(row.getPlanId() + "\n" + row.getMeter(), List.of()).stream()
              .map(t -> new PriceTier(t.getFirstUnit(), t.getUnitPrice()))
              .toList());
    }
  }
}
