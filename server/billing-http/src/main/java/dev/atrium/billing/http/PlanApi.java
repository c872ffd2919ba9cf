package dev.atrium.billing.http;

import static dev.atrium.plugin.api.JsonSchema.dataOf;
import static java.util.Objects.requireNonNull;

import dev.atrium.billing.Billing;
import dev.atrium.billing.BillingPeriod;
import dev.atrium.billing.PlanSegment;
import dev.atrium.billing.Subscriptions;
import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.JsonBody;
import dev.atrium.http.Operation;
import dev.atrium.persistence.billing.Invoice;
import dev.atrium.persistence.billing.InvoiceLine;
import dev.atrium.persistence.billing.Plan;
import dev.atrium.persistence.billing.PlanMeter;
import dev.atrium.persistence.billing.Subscription;
import dev.atrium.plugin.api.JsonSchema;
import dev.atrium.shared.Principal;
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
import java.util.Set;
import java.util.UUID;

/**
 * Plans (listed for everyone, edited by the operator), meters, a tenant's subscription (changed by
 * its owner at once, or by the operator from any date, with a discount), and the dashboard's quota
 * and usage summary for the current month with its soft-limit warnings.
 */
public final class PlanApi {
  private static final String TAG = "Billing";

  private final PlanCatalogue catalogue;
  private final Billing billing;
  private final BillingAudit audit;

  public PlanApi(PlanCatalogue catalogue, Billing billing, BillingAudit audit) {
    this.catalogue = requireNonNull(catalogue, "catalogue is null");
    this.billing = requireNonNull(billing, "billing is null");
    this.audit = requireNonNull(audit, "audit is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/api/plans",
        Access.user(),
        Operation.of(TAG, "The plans")
            .responds(
                200,
                "The plans, their prices in the currency named",
                dataOf(
                    JsonSchema.withMembers(BillingSchemas.PLAN, "currency", JsonSchema.string()))),
        this::list);
    routes.add(
        HttpMethod.GET,
        "/api/meters",
        Access.user(),
        Operation.of(TAG, "The meters usage is counted in")
            .responds(200, "The meters", BillingSchemas.METERS),
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
            .body(BillingSchemas.planRequest())
            .responds(201, "Plan created", BillingSchemas.PLAN)
            .responds(409, "A plan with this id exists"),
        ctx -> save(ctx, null));
    routes.add(
        HttpMethod.PUT,
        "/api/admin/plans/{id}",
        Access.operator(),
        Operation.of(TAG, "Replace a plan's terms (all fields)")
            .body(BillingSchemas.planRequest())
            .responds(200, "The plan", BillingSchemas.PLAN),
        ctx -> save(ctx, ctx.pathParam("id")));
    routes.add(
        HttpMethod.GET,
        "/api/subscription",
        Access.member(Role.VIEWER),
        Operation.of(TAG, "The tenant's plan now and its subscription history")
            .responds(200, "The subscription", BillingSchemas.SUBSCRIPTION),
        ctx -> subscription(Principal.of(ctx).tenantId()));
    routes.add(
        HttpMethod.GET,
        "/api/subscription/preview",
        Access.member(Role.OWNER),
        Operation.of(
                TAG,
                "What changing to ?plan= now would charge this month: the prorated fees, before"
                    + " and after, computed as the invoice will be")
            .query("plan", true, dev.atrium.http.Schemas.string(64), "The plan to change to")
            .responds(200, "The charges", BillingSchemas.PREVIEW)
            .responds(400, "No plan of that id, or a bad parameter"),
        this::preview);
    routes.add(
        HttpMethod.PUT,
        "/api/subscription",
        Access.member(Role.OWNER),
        Operation.of(TAG, "Change the tenant's plan from now on; this month's fee is prorated")
            .body(Schemas.planChange(false))
            .responds(200, "The subscription", BillingSchemas.SUBSCRIPTION),
        ctx -> change(ctx, Principal.of(ctx).tenantId(), false));
    routes.add(
        HttpMethod.PUT,
        "/api/admin/tenants/{id}/subscription",
        Access.operator(),
        Operation.of(TAG, "Change a tenant's plan from effectiveAt (default now), with a discount")
            .body(Schemas.planChange(true))
            .responds(200, "The subscription", BillingSchemas.SUBSCRIPTION),
        ctx -> change(ctx, Query.pathId(ctx, "The tenant"), true));
    routes.add(
        HttpMethod.GET,
        "/api/billing/summary",
        Access.member(Role.VIEWER),
        Operation.of(
                TAG,
                "This month's usage against the plan: allowances, limits, warnings, charges so far")
            .responds(200, "The summary", BillingSchemas.SUMMARY),
        this::summary);
  }

  private Future<Reply> list(RoutingContext ctx) {
    Query.only(ctx, Set.of());
    return catalogue
        .list()
        .map(
            plans ->
                Reply.list(
                    new JsonArray(
                        plans.stream()
                            .map(
                                p ->
                                    (Object)
                                        PlanJson.write(p)
                                            .put("currency", billing.settings().currency()))
                            .toList())));
  }

  private Future<Reply> save(RoutingContext ctx, String pathId) {
    Set<String> fields = new HashSet<>(PlanJson.FIELDS);
    if (pathId != null) {
      fields.remove("id");
    }
    JsonBody body = JsonBody.parse(ctx, fields);
    String id = pathId != null ? pathId : body.requiredString("id", 64);
    Plan plan = PlanJson.read(body, id, billing.meters(), OffsetDateTime.now(billing.clock()));
    return (pathId == null ? catalogue.create(plan) : catalogue.replace(plan))
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
    return catalogue
        .timeline(tenantId)
        .map(
            timeline ->
                Reply.ok(
                    new JsonObject()
                        .put(
                            "planId",
                            Subscriptions.at(timeline, now)
                                .map(Subscription::planId)
                                .orElse(billing.subscriptions().defaultPlanId()))
                        .put("history", TenantMonths.history(timeline))));
  }

  /**
   * The owner's plan change decided by {@link Subscriptions#decide} exactly as {@link #change}
   * stores it (from now, no discount), without storing it: this month's invoice estimate before and
   * after, and the difference of their fee lines, the prorated charge (negative: a credit).
   */
  private Future<Reply> preview(RoutingContext ctx) {
    Query.only(ctx, Set.of("plan"));
    String planId = Query.text(ctx, "plan");
    if (planId == null || planId.isBlank()) {
      throw Query.invalid("plan", "is required: the id of a plan");
    }
    UUID tenantId = Principal.of(ctx).tenantId();
    OffsetDateTime now = OffsetDateTime.now(billing.clock());
    return Future.fromCompletionStage(billing.recorder().flush(), ctx.vertx().getOrCreateContext())
        .compose(flushed -> catalogue.preview(tenantId, planId, now))
        .map(
            p ->
                Reply.ok(
                    previewJson(p.month(), p.plan(), now, p.before(), p.changed(), p.segments())));
  }

  /** The fee lines come one per segment, in the segments' order (see InvoiceCalculator). */
  private static JsonObject previewJson(
      TenantMonths.TenantMonth month,
      Plan plan,
      OffsetDateTime effectiveAt,
      Invoice before,
      Invoice changed,
      List<PlanSegment> segments) {
    JsonArray fees = new JsonArray();
    List<InvoiceLine> feeLines =
        changed.lines().stream().filter(l -> InvoiceLine.FEE.equals(l.kind())).toList();
    for (int i = 0; i < feeLines.size(); i++) {
      PlanSegment segment = segments.get(i);
      OffsetDateTime from = max(segment.start(), month.period().start());
      OffsetDateTime to =
          segment.end() == null || segment.end().isAfter(month.period().end())
              ? month.period().end()
              : segment.end();
      fees.add(
          new JsonObject()
              .put("planId", segment.plan().id())
              .put("planName", segment.plan().name())
              .put("from", Timestamps.rfc3339(from))
              .put("to", Timestamps.rfc3339(to))
              .put("description", feeLines.get(i).description())
              .put("amount", InvoiceDocuments.money(feeLines.get(i).amount())));
    }
    return new JsonObject()
        .put("currentPlanId", month.plan().id())
        .put("plan", PlanJson.write(plan))
        .put("effectiveAt", Timestamps.rfc3339(effectiveAt))
        .put("period", month.period().toString())
        .put("currency", changed.currency())
        .put("proratedCharge", InvoiceDocuments.money(feeTotal(changed).subtract(feeTotal(before))))
        .put("fees", fees)
        .put("monthTotalBefore", InvoiceDocuments.money(before.total()))
        .put("monthTotalAfter", InvoiceDocuments.money(changed.total()));
  }

  private static OffsetDateTime max(OffsetDateTime a, OffsetDateTime b) {
    return a.isAfter(b) ? a : b;
  }

  private static BigDecimal feeTotal(Invoice invoice) {
    return invoice.lines().stream()
        .filter(l -> InvoiceLine.FEE.equals(l.kind()))
        .map(InvoiceLine::amount)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
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
    return catalogue
        .changeSubscription(tenantId, planId, effectiveAt, discount, now)
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
    // Every acknowledged request is in the totals: the usage journal is flushed first.
    return Future.fromCompletionStage(billing.recorder().flush(), ctx.vertx().getOrCreateContext())
        .compose(flushed -> catalogue.month(tenantId, now))
        .map(month -> Reply.ok(summaryJson(month)));
  }

  private JsonObject summaryJson(TenantMonths.TenantMonth month) {
    JsonArray meters = new JsonArray();
    JsonArray warnings = new JsonArray();
    for (var meter : billing.meters().all()) {
      PlanMeter terms = month.plan().meters().get(meter.name());
      long quantity = month.used(meter.name());
      int level = month.warningLevel(meter.name());
      meters.add(
          new JsonObject()
              .put("meter", meter.name())
              .put("unit", meter.unit())
              .put("used", quantity)
              .put("inFlight", billing.recorder().inFlight(month.tenantId(), meter.name()))
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
                .put("limit", month.warnAt(meter.name())));
      }
    }
    BillingPeriod period = month.period();
    return new JsonObject()
        .put("plan", PlanJson.write(month.plan()))
        .put("period", period.toString())
        .put("periodStart", Timestamps.rfc3339(period.start()))
        .put("periodEnd", Timestamps.rfc3339(period.end()))
        .put("meters", meters)
        .put("warnings", warnings)
        .put("chargesSoFar", InvoiceDocuments.json(month.estimate()).put("status", "estimate"));
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
