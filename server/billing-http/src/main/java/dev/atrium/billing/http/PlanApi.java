package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.Billing;
import dev.atrium.billing.BillingPeriod;
import dev.atrium.billing.PlanSegment;
import dev.atrium.billing.QuotaWarning;
import dev.atrium.billing.Subscriptions;
import dev.atrium.db.Db;
import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.JsonBody;
import dev.atrium.http.Operation;
import dev.atrium.persistence.billing.Invoice;
import dev.atrium.persistence.billing.MeterUsage;
import dev.atrium.persistence.billing.Plan;
import dev.atrium.persistence.billing.PlanMeter;
import dev.atrium.persistence.billing.PlanRepository;
import dev.atrium.persistence.billing.Subscription;
import dev.atrium.persistence.billing.UsageRepository;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Problem;
import dev.atrium.shared.Reply;
import dev.atrium.shared.Role;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * Plans (listed for everyone, edited by the operator), meters, a tenant's subscription (changed by
 * its owner at once, or by the operator from any date, with a discount), and the dashboard's quota
 * and usage summary for the current month with its soft-limit warnings.
 */
public final class PlanApi {
  private static final String TAG = "Billing";

  private final Db db;
  private final Billing billing;
  private final BillingAudit audit;

  public PlanApi(Db db, Billing billing, BillingAudit audit) {
    this.db = requireNonNull(db, "db is null");
    this.billing = requireNonNull(billing, "billing is null");
    this.audit = requireNonNull(audit, "audit is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET, "/api/plans", Access.user(), Operation.of(TAG, "The plans"), this::list);
    routes.add(
        HttpMethod.GET,
        "/api/meters",
        Access.user(),
        Operation.of(TAG, "The meters usage is counted in"),
        ctx ->
            Future.succeededFuture(
                Reply.list(
                    new JsonArray(
                        billing.meters().all().stream()
                            .map(
                                m ->
                                    (Object)
                                        new JsonObject()
                                            .put("name", m.name())
                                            .put("unit", m.unit())
                                            .put("pluginId", m.pluginId())
                                            .put("description", m.description()))
                            .toList()))));
    routes.add(
        HttpMethod.POST,
        "/api/admin/plans",
        Access.operator(),
        Operation.of(TAG, "Create a plan")
            .body(new JsonObject().put("type", "object"))
            .responds(201, "Plan created")
            .responds(409, "A plan with this id exists"),
        ctx -> save(ctx, null));
    routes.add(
        HttpMethod.PUT,
        "/api/admin/plans/{id}",
        Access.operator(),
        Operation.of(TAG, "Replace a plan's terms (all fields)")
            .body(new JsonObject().put("type", "object")),
        ctx -> save(ctx, ctx.pathParam("id")));
    routes.add(
        HttpMethod.GET,
        "/api/subscription",
        Access.member(Role.VIEWER),
        Operation.of(TAG, "The tenant's plan now and its subscription history"),
        ctx -> subscription(Principal.of(ctx).tenantId()));
    routes.add(
        HttpMethod.PUT,
        "/api/subscription",
        Access.member(Role.OWNER),
        Operation.of(TAG, "Change the tenant's plan from now on; this month's fee is prorated")
            .body(Schemas.planChange(false)),
        ctx -> change(ctx, Principal.of(ctx).tenantId(), false));
    routes.add(
        HttpMethod.PUT,
        "/api/admin/tenants/{id}/subscription",
        Access.operator(),
        Operation.of(TAG, "Change a tenant's plan from effectiveAt (default now), with a discount")
            .body(Schemas.planChange(true)),
        ctx -> change(ctx, Query.pathId(ctx, "The tenant"), true));
    routes.add(
        HttpMethod.GET,
        "/api/billing/summary",
        Access.member(Role.VIEWER),
        Operation.of(
            TAG,
            "This month's usage against the plan: allowances, limits, warnings, charges so far"),
        this::summary);
  }

  private Future<Reply> list(RoutingContext ctx) {
    Query.only(ctx, Set.of());
    return db.read(dsl -> new PlanRepository(dsl).list())
        .map(
            plans ->
                Reply.list(
                    new JsonArray(plans.stream().map(p -> (Object) PlanJson.write(p)).toList())));
  }

  private Future<Reply> save(RoutingContext ctx, String pathId) {
    Set<String> fields = new HashSet<>(PlanJson.FIELDS);
    if (pathId != null) {
      fields.remove("id");
    }
    JsonBody body = JsonBody.parse(ctx, fields);
    String id = pathId != null ? pathId : body.requiredString("id", 64);
    Plan plan = PlanJson.read(body, id, billing.meters(), OffsetDateTime.now(billing.clock()));
    return db.transaction(
            dsl -> {
              PlanRepository plans = new PlanRepository(dsl);
              if (pathId == null) {
                if (plans.find(id).isPresent()) {
                  throw Problem.conflict("plan_exists", "A plan with the id '" + id + "' exists.");
                }
                plans.insert(plan);
              } else if (!plans.replace(plan)) {
                throw Problem.notFound("The plan");
              }
              return plan;
            })
        .compose(
            p ->
                audit.record(
                    ctx,
                    null,
                    pathId == null ? "plan.created" : "plan.updated",
                    "plan:" + id,
                    null))
        .map(
            v -> {
              billing.plans().plansChanged();
              return pathId == null
                  ? Reply.created(PlanJson.write(plan))
                  : Reply.ok(PlanJson.write(plan));
            });
  }

  private Future<Reply> subscription(UUID tenantId) {
    OffsetDateTime now = OffsetDateTime.now(billing.clock());
    return db.read(dsl -> billing.subscriptions().timeline(dsl, tenantId))
        .map(
            timeline -> {
              Subscription current = Subscriptions.at(timeline, now).orElse(null);
              return Reply.ok(
                  new JsonObject()
                      .put(
                          "planId",
                          current == null
                              ? billing.subscriptions().defaultPlanId()
                              : current.planId())
                      .put(
                          "history",
                          new JsonArray(
                              timeline.stream()
                                  .map(
                                      s ->
                                          (Object)
                                              new JsonObject()
                                                  .put("planId", s.planId())
                                                  .put("startsAt", s.startsAt().toString())
                                                  .put(
                                                      "endsAt",
                                                      s.endsAt() == null
                                                          ? null
                                                          : s.endsAt().toString())
                                                  .put(
                                                      "discountPercent",
                                                      s.discountPercent().toPlainString()))
                                  .toList())));
            });
  }

  private Future<Reply> change(RoutingContext ctx, UUID tenantId, boolean operator) {
    JsonBody body =
        JsonBody.parse(
            ctx, operator ? Set.of("plan", "effectiveAt", "discountPercent") : Set.of("plan"));
    String planId = body.requiredString("plan", 64);
    OffsetDateTime now = OffsetDateTime.now(billing.clock());
    OffsetDateTime effectiveAt = operator ? body.optionalTimestamp("effectiveAt").orElse(now) : now;
    BigDecimal discount =
        operator && body.raw("discountPercent") != null
            ? PlanJson.decimal(body.raw("discountPercent"), "discountPercent", 2)
            : BigDecimal.ZERO;
    if (discount.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw PlanJson.invalid("discountPercent", "must be at most 100");
    }
    return db.transaction(
            dsl -> {
              if (new PlanRepository(dsl).find(planId).isEmpty()) {
                throw PlanJson.invalid("plan", "names no plan");
              }
              try {
                return billing
                    .subscriptions()
                    .change(dsl, tenantId, planId, effectiveAt, discount, now);
              } catch (NoSuchElementException e) {
                throw Problem.notFound("The tenant");
              } catch (IllegalArgumentException e) {
                throw PlanJson.invalid("effectiveAt", "is before the tenant's first subscription");
              }
            })
        .compose(
            s ->
                audit.record(
                    ctx,
                    tenantId,
                    "subscription.changed",
                    "tenant:" + tenantId,
                    new JsonObject()
                        .put("plan", planId)
                        .put("effectiveAt", effectiveAt.toString())
                        .put("discountPercent", discount.toPlainString())))
        .compose(
            v -> {
              billing.plans().tenantChanged(tenantId);
              return subscription(tenantId);
            });
  }

  private Future<Reply> summary(RoutingContext ctx) {
    Query.only(ctx, Set.of());
    UUID tenantId = Principal.of(ctx).tenantId();
    OffsetDateTime now = OffsetDateTime.now(billing.clock());
    BillingPeriod period = BillingPeriod.containing(now);
    // Every acknowledged request is in the totals: the usage journal is flushed first.
    return Future.fromCompletionStage(billing.recorder().flush(), ctx.vertx().getOrCreateContext())
        .compose(flushed -> db.read(dsl -> summary(dsl, tenantId, period, now)))
        .map(Reply::ok);
  }

  private JsonObject summary(
      DSLContext dsl, UUID tenantId, BillingPeriod period, OffsetDateTime now) {
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
    return summaryJson(tenantId, plan, period, usage, estimate);
  }

  private JsonObject summaryJson(
      UUID tenantId, Plan plan, BillingPeriod period, List<MeterUsage> usage, Invoice estimate) {
    Map<String, Long> used =
        usage.stream()
            .collect(
                Collectors.groupingBy(
                    MeterUsage::meter, Collectors.summingLong(MeterUsage::quantity)));
    JsonArray meters = new JsonArray();
    JsonArray warnings = new JsonArray();
    for (var meter : billing.meters().all()) {
      PlanMeter terms = plan.meters().get(meter.name());
      long quantity = used.getOrDefault(meter.name(), 0L);
      Long warnAt =
          terms == null ? null : terms.softLimit() != null ? terms.softLimit() : terms.hardLimit();
      int level = QuotaWarning.level(quantity, warnAt);
      meters.add(
          new JsonObject()
              .put("meter", meter.name())
              .put("unit", meter.unit())
              .put("used", quantity)
              .put("inFlight", billing.recorder().inFlight(tenantId, meter.name()))
              .put("included", terms == null ? 0 : terms.included())
              .put("softLimit", terms == null ? null : terms.softLimit())
              .put("hardLimit", terms == null ? null : terms.hardLimit())
              .put("warning", level == 0 ? null : level));
      if (level > 0) {
        warnings.add(
            new JsonObject()
                .put("meter", meter.name())
                .put("percent", level)
                .put("used", quantity)
                .put("limit", warnAt));
      }
    }
    return new JsonObject()
        .put("plan", PlanJson.write(plan))
        .put("period", period.toString())
        .put("periodStart", period.start().toString())
        .put("periodEnd", period.end().toString())
        .put("meters", meters)
        .put("warnings", warnings)
        .put("chargesSoFar", InvoiceDocuments.json(estimate).put("status", "estimate"));
  }

  /** Request schemas of the plan change endpoints. */
  private static final class Schemas {
    static JsonObject planChange(boolean operator) {
      JsonObject props = new JsonObject().put("plan", dev.atrium.http.Schemas.string(64));
      if (operator) {
        props
            .put("effectiveAt", dev.atrium.http.Schemas.dateTime())
            .put("discountPercent", new JsonObject().put("type", "string"));
      }
      return new JsonObject()
          .put("type", "object")
          .put("required", new JsonArray().add("plan"))
          .put("properties", props)
          .put("additionalProperties", false);
    }
  }
}
