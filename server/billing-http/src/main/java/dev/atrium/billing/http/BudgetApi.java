package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.Billing;
import dev.atrium.billing.BillingPeriod;
import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.JsonBody;
import dev.atrium.http.Operation;
import dev.atrium.http.Schemas;
import dev.atrium.persistence.billing.Budget;
import dev.atrium.persistence.billing.BudgetAlert;
import dev.atrium.persistence.billing.WebhookDelivery;
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
import java.net.InetAddress;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A tenant's budget alerts: {@code GET /api/budget} (the budget, this month's charges so far, its
 * alerts and the latest webhook deliveries), {@code PUT /api/budget} (admin: a monthly amount, the
 * percentages of it that raise an alert, an optional http(s) webhook whose signing secret is shown
 * once; see {@link WebhookAddress}), {@code DELETE /api/budget}, {@code GET /api/budget/alerts}
 * (this month's alerts, the dashboard's notice) and {@code POST /api/budget/alerts/{id}/dismiss}
 * (the notice stays away until a higher threshold is crossed).
 */
public final class BudgetApi {
  private static final String TAG = "Billing";
  private static final List<Integer> DEFAULT_THRESHOLDS = List.of(50, 80, 100);
  private static final Set<String> FIELDS =
      Set.of("monthlyAmount", "thresholds", "webhookUrl", "rotateSecret");

  private final Budgets budgets;
  private final Billing billing;
  private final BudgetWatch watch;

  public BudgetApi(Budgets budgets, Billing billing, BudgetWatch watch) {
    this.budgets = requireNonNull(budgets, "budgets is null");
    this.billing = requireNonNull(billing, "billing is null");
    this.watch = requireNonNull(watch, "watch is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/api/budget",
        Access.member(Role.VIEWER),
        Operation.of(
                TAG,
                "The tenant's monthly budget, this month's charges so far, its alerts and webhook"
                    + " deliveries")
            .responds(200, "The budget (null when none is set)", BillingSchemas.BUDGET),
        ctx -> {
          Query.only(ctx, Set.of());
          return show(Principal.of(ctx).tenantId(), null);
        });
    routes.add(
        HttpMethod.PUT,
        "/api/budget",
        Access.member(Role.ADMIN),
        Operation.of(
                TAG,
                "Set the monthly budget (money), the percentages of it that raise an alert and an"
                    + " optional signed webhook; a new webhook secret is shown once")
            .body(schema())
            .responds(
                200,
                "The budget; webhookSecret only when a new one was made",
                BillingSchemas.BUDGET),
        this::save);
    routes.add(
        HttpMethod.DELETE,
        "/api/budget",
        Access.member(Role.ADMIN),
        Operation.of(TAG, "Remove the budget (its past alerts stay)").responds(204, "Removed"),
        ctx -> {
          UUID tenantId = Principal.of(ctx).tenantId();
          return budgets.delete(tenantId).map(Reply.noContent());
        });
    routes.add(
        HttpMethod.GET,
        "/api/budget/alerts",
        Access.member(Role.VIEWER),
        Operation.of(TAG, "This month's budget alerts, the highest threshold first")
            .responds(200, "The alerts", BillingSchemas.ALERTS),
        ctx -> {
          Query.only(ctx, Set.of());
          UUID tenantId = Principal.of(ctx).tenantId();
          String period = BillingPeriod.containing(now()).toString();
          return budgets
              .alerts(tenantId, period)
              .map(
                  alerts ->
                      Reply.ok(
                          new JsonObject().put("period", period).put("data", alertsJson(alerts))));
        });
    routes.add(
        HttpMethod.POST,
        "/api/budget/alerts/{id}/dismiss",
        Access.member(Role.ADMIN),
        Operation.of(
                TAG,
                "Dismiss the dashboard's notice of a budget alert (and of the lower alerts of its"
                    + " month): it comes back when a higher threshold is crossed")
            .responds(204, "Dismissed")
            .responds(404, "The tenant has no such alert"),
        this::dismiss);
  }

  private Future<Reply> dismiss(RoutingContext ctx) {
    UUID tenantId = Principal.of(ctx).tenantId();
    UUID alertId = Query.pathId(ctx, "The budget alert");
    JsonBody.parseOptional(ctx, Set.of());
    return budgets
        .dismiss(tenantId, alertId, now())
        .map(
            found -> {
              if (!found) {
                throw Problem.notFound("The budget alert");
              }
              return Reply.noContent();
            });
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(billing.clock());
  }

  private Future<Reply> save(RoutingContext ctx) {
    UUID tenantId = Principal.of(ctx).tenantId();
    JsonBody body = JsonBody.parse(ctx, FIELDS);
    BigDecimal amount = PlanJson.decimal(body.raw("monthlyAmount"), "monthlyAmount", 2);
    if (amount.signum() <= 0) {
      throw invalid("monthlyAmount", "must be more than 0");
    }
    List<Integer> thresholds = thresholds(body.raw("thresholds"));
    WebhookAddress addresses = watch.addresses();
    URI webhook = body.optionalString("webhookUrl", 2048).map(addresses::parse).orElse(null);
    String url = webhook == null ? null : webhook.toString();
    Object rotate = body.raw("rotateSecret");
    if (rotate != null && !(rotate instanceof Boolean)) {
      throw invalid("rotateSecret", "must be true or false");
    }
    boolean rotateSecret = Boolean.TRUE.equals(rotate);
    OffsetDateTime now = now();
    Future<InetAddress> resolved =
        webhook == null
            ? Future.succeededFuture()
            : ctx.vertx().executeBlocking(() -> addresses.resolve(webhook));
    return resolved
        .compose(checked -> budgets.save(tenantId, amount, thresholds, url, rotateSecret, now))
        .compose(saved -> watch.check(saved.budget()).map(raised -> saved))
        .compose(
            saved -> show(tenantId, saved.newSecret() ? saved.budget().webhookSecret() : null));
  }

  private Future<Reply> show(UUID tenantId, String newSecret) {
    OffsetDateTime now = OffsetDateTime.now(billing.clock());
    return Future.fromCompletionStage(billing.recorder().flush())
        .compose(flushed -> budgets.overview(tenantId, now, 20))
        .map(
            overview -> {
              TenantMonths.TenantMonth estimate = overview.month();
              JsonObject out =
                  new JsonObject()
                      .put("budget", overview.budget().map(BudgetApi::budgetJson).orElse(null))
                      .put("period", estimate.period().toString())
                      .put("currency", estimate.estimate().currency())
                      .put("spent", estimate.estimate().total().toPlainString())
                      .put("alerts", alertsJson(overview.alerts()))
                      .put("deliveries", deliveriesJson(overview.deliveries()));
              if (newSecret != null) {
                out.put("webhookSecret", newSecret);
              }
              return Reply.ok(out);
            });
  }

  private static JsonObject budgetJson(Budget b) {
    return new JsonObject()
        .put("monthlyAmount", b.monthlyAmount().toPlainString())
        .put("thresholds", new JsonArray(List.copyOf(b.thresholds())))
        .put("webhookUrl", b.webhookUrl())
        .put("updatedAt", Timestamps.rfc3339(b.updatedAt()));
  }

  private static JsonArray alertsJson(List<BudgetAlert> alerts) {
    JsonArray out = new JsonArray();
    for (BudgetAlert a : alerts) {
      JsonObject json = BudgetWebhook.payload(a);
      json.remove("type");
      json.remove("tenantId");
      out.add(json.put("dismissed", a.dismissedAt() != null));
    }
    return out;
  }

  private static JsonArray deliveriesJson(List<WebhookDelivery> deliveries) {
    JsonArray out = new JsonArray();
    for (WebhookDelivery d : deliveries) {
      out.add(
          new JsonObject()
              .put("alertId", d.alertId().toString())
              .put("attempt", d.attempt())
              .put("url", d.url())
              .put("status", d.status())
              .put("error", d.error())
              .put("delivered", d.delivered())
              .put("attemptedAt", Timestamps.rfc3339(d.attemptedAt())));
    }
    return out;
  }

  private static List<Integer> thresholds(Object value) {
    if (value == null) {
      return DEFAULT_THRESHOLDS;
    }
    if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > 10) {
      throw invalid("thresholds", "must be an array of 1 to 10 whole percentages");
    }
    TreeSet<Integer> sorted = new TreeSet<>();
    for (Object item : array) {
      if (!(item instanceof Integer percent) || percent < 1 || percent > 1000) {
        throw invalid("thresholds", "must hold whole percentages from 1 to 1000");
      }
      if (!sorted.add(percent)) {
        throw invalid("thresholds", "must not repeat a percentage");
      }
    }
    return List.copyOf(sorted);
  }

  private static Problem invalid(String field, String rule) {
    return Problem.badRequest("invalid_field", "Field '" + field + "' " + rule + ".");
  }

  private static JsonObject schema() {
    return Schemas.object(
        Schemas.required("monthlyAmount"),
        "monthlyAmount",
        new JsonObject().put("type", "string").put("examples", new JsonArray().add("100.00")),
        "thresholds",
        new JsonObject()
            .put("type", "array")
            .put("items", Schemas.integer(1, 1000))
            .put("maxItems", 10),
        "webhookUrl",
        Schemas.string(2048),
        "rotateSecret",
        new JsonObject().put("type", "boolean"));
  }
}
