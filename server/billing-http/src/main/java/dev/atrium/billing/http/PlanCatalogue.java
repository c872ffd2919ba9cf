package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.Subscriptions;
import dev.atrium.db.Db;
import dev.atrium.persistence.billing.Plan;
import dev.atrium.persistence.billing.PlanRepository;
import dev.atrium.persistence.billing.Subscription;
import dev.atrium.shared.Problem;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;

/** The plans the operator sells, and which plan each tenant is on from when. */
public final class PlanCatalogue {
  private final Db db;
  private final Subscriptions subscriptions;

  public PlanCatalogue(Db db, Subscriptions subscriptions) {
    this.db = requireNonNull(db, "db is null");
    this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
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
