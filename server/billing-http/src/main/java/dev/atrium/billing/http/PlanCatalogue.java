package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.Billing;
import dev.atrium.billing.BillingPeriod;
import dev.atrium.billing.PlanSegment;
import dev.atrium.billing.Subscriptions;
import dev.atrium.db.Db;
import dev.atrium.persistence.billing.Invoice;
import dev.atrium.persistence.billing.Plan;
import dev.atrium.persistence.billing.PlanRepository;
import dev.atrium.persistence.billing.Subscription;
import dev.atrium.shared.Problem;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

/** The plans the operator sells, and which plan each tenant is on from when. */
public final class PlanCatalogue {
  private final Db db;
  private final Subscriptions subscriptions;
  private final TenantMonths months;

  public PlanCatalogue(Db db, Billing billing) {
    this.db = requireNonNull(db, "db is null");
    this.subscriptions = billing.subscriptions();
    this.months = new TenantMonths(billing);
  }

  public Future<List<Plan>> list() {
    return db.read(dsl -> new PlanRepository(dsl).list());
  }

  /** Adds a new plan: 409 {@code plan_exists} when its id is taken. */
  public Future<Plan> create(Plan plan) {
    return db.transaction(
        dsl -> {
          PlanRepository plans = new PlanRepository(dsl);
          if (plans.find(plan.id()).isPresent()) {
            throw Problem.conflict("plan_exists", "A plan with the id '" + plan.id() + "' exists.");
          }
          plans.insert(plan);
          return plan;
        });
  }

  /** Replaces a plan: 404 when there is none with its id. */
  public Future<Plan> replace(Plan plan) {
    return db.transaction(
        dsl -> {
          if (!new PlanRepository(dsl).replace(plan)) {
            throw Problem.notFound("The plan");
          }
          return plan;
        });
  }

  /** The tenant's subscriptions, oldest first: which plan it is on from when. */
  public Future<List<Subscription>> timeline(UUID tenantId) {
    return db.read(dsl -> subscriptions.timeline(dsl, tenantId));
  }

  /** The tenant's month so far at {@code now}: plan, usage, warnings and the invoice estimate. */
  Future<TenantMonths.TenantMonth> month(UUID tenantId, OffsetDateTime now) {
    return db.read(dsl -> months.read(dsl, TenantMonths.plans(dsl), tenantId, now));
  }

  /**
   * The owner's change to plan {@code planId} decided by {@link Subscriptions#decide} exactly as
   * {@link #changeSubscription} stores it (from now, no discount), without storing it: this month's
   * invoice estimate before and after. 400 {@code invalid_field} when no such plan exists.
   */
  Future<Preview> preview(UUID tenantId, String planId, OffsetDateTime now) {
    return db.read(
        dsl -> {
          Map<String, Plan> plans = TenantMonths.plans(dsl);
          if (!plans.containsKey(planId)) {
            throw Query.invalid("plan", "names no plan");
          }
          TenantMonths.TenantMonth month = months.read(dsl, plans, tenantId, now);
          List<Subscription> after =
              Subscriptions.decide(month.timeline(), planId, now, BigDecimal.ZERO, now).timeline();
          BillingPeriod period = month.period();
          Invoice before =
              months.estimate(
                  tenantId, period, month.timeline(), plans, month.usage(), period.end(), now);
          Invoice changed =
              months.estimate(tenantId, period, after, plans, month.usage(), period.end(), now);
          return new Preview(
              month,
              plans.get(planId),
              before,
              changed,
              Subscriptions.segments(after, plans, period.start(), period.end()));
        });
  }

  /** A plan change previewed: the month as it is, the plan, and the estimates either way. */
  record Preview(
      TenantMonths.TenantMonth month,
      Plan plan,
      Invoice before,
      Invoice changed,
      List<PlanSegment> segments) {}

  /**
   * Puts the tenant on plan {@code planId} from {@code effectiveAt} with {@code discount} percent
   * off: 400 {@code invalid_field} when no such plan exists or {@code effectiveAt} is before the
   * tenant's first subscription, 404 for an unknown tenant.
   */
  public Future<Subscription> changeSubscription(
      UUID tenantId,
      String planId,
      OffsetDateTime effectiveAt,
      BigDecimal discount,
      OffsetDateTime now) {
    return db.transaction(
        dsl -> {
          if (new PlanRepository(dsl).find(planId).isEmpty()) {
            throw PlanJson.invalid("plan", "names no plan");
          }
          try {
            return subscriptions.change(dsl, tenantId, planId, effectiveAt, discount, now);
          } catch (NoSuchElementException e) {
            throw Problem.notFound("The tenant");
          } catch (IllegalArgumentException e) {
            throw PlanJson.invalid("effectiveAt", "is before the tenant's first subscription");
          }
        });
  }
}
