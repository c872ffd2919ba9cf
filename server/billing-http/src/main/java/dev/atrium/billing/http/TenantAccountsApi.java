package dev.atrium.billing.http;

import static dev.atrium.plugin.api.JsonSchema.dataOf;
import static java.util.Objects.requireNonNull;

import dev.atrium.billing.Billing;
import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.Operation;
import dev.atrium.persistence.Tenant;
import dev.atrium.persistence.billing.Invoice;
import dev.atrium.persistence.billing.InvoiceLine;
import dev.atrium.persistence.billing.PlanMeter;
import dev.atrium.shared.Reply;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * The operator's billing view of tenants: each tenant's plan, limit status, suspension and money
 * this month in one list, and one tenant's account (plan history, discount, usage, charges so far,
 * invoices).
 */
public final class TenantAccountsApi {
  private static final String TAG = "Billing";

  private final TenantAccounts accounts;
  private final Billing billing;

  public TenantAccountsApi(TenantAccounts accounts, Billing billing) {
    this.accounts = requireNonNull(accounts, "accounts is null");
    this.billing = requireNonNull(billing, "billing is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/api/admin/billing/tenants",
        Access.operator(),
        Operation.of(
                TAG, "Tenants, oldest first, with their plan, limit status and charges this month")
            .query(
                "offset",
                false,
                dev.atrium.http.Schemas.integer(0, Integer.MAX_VALUE),
                "Skip this many")
            .query("limit", false, dev.atrium.http.Schemas.integer(1, 500), "At most this many")
            .responds(200, "The tenants", dataOf(BillingSchemas.TENANT_ACCOUNT_ROW)),
        this::list);
    routes.add(
        HttpMethod.GET,
        "/api/admin/billing/tenants/{id}",
        Access.operator(),
        Operation.of(
                TAG,
                "One tenant's account: plan history, discount, usage and charges this month,"
                    + " invoices (drafts included)")
            .responds(200, "The account", BillingSchemas.TENANT_ACCOUNT)
            .responds(404, "No such tenant"),
        this::account);
  }

  private Future<Reply> list(RoutingContext ctx) {
    Query.only(ctx, Set.of("offset", "limit"));
    int offset = Query.integer(ctx, "offset", 0, Integer.MAX_VALUE, 0);
    int limit = Query.integer(ctx, "limit", 1, 500, 100);
    OffsetDateTime now = OffsetDateTime.now(billing.clock());
    return flushed(ctx)
        .compose(v -> accounts.list(offset, limit, now))
        .map(
            found ->
                Reply.list(
                    new JsonArray(
                        found.stream().map(a -> (Object) row(a.tenant(), a.month())).toList())));
  }

  private Future<Reply> account(RoutingContext ctx) {
    Query.only(ctx, Set.of());
    UUID tenantId = Query.pathId(ctx, "The tenant");
    OffsetDateTime now = OffsetDateTime.now(billing.clock());
    return flushed(ctx)
        .compose(v -> accounts.find(tenantId, now))
        .map(
            found -> {
              TenantMonths.TenantMonth month = found.account().month();
              JsonArray invoices = new JsonArray();
              found.invoices().forEach(i -> invoices.add(InvoiceDocuments.summary(i)));
              return Reply.ok(
                  row(found.account().tenant(), month)
                      .put("plan", PlanJson.write(month.plan()))
                      .put("history", TenantMonths.history(month.timeline()))
                      .put("meters", meters(month))
                      .put(
                          "estimate",
                          InvoiceDocuments.json(month.estimate()).put("status", "estimate"))
                      .put("invoices", invoices));
            });
  }

  /** Reports include every acknowledged request: the usage journal is flushed first. */
  private Future<Void> flushed(RoutingContext ctx) {
    return Future.fromCompletionStage(billing.recorder().flush(), ctx.vertx().getOrCreateContext())
        .mapEmpty();
  }

  private JsonObject row(Tenant tenant, TenantMonths.TenantMonth month) {
    int level =
        billing.meters().all().stream().mapToInt(m -> month.warningLevel(m.name())).max().orElse(0);
    Invoice estimate = month.estimate();
    BigDecimal usage =
        estimate.lines().stream()
            .filter(l -> InvoiceLine.USAGE.equals(l.kind()))
            .map(InvoiceLine::amount)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    return new JsonObject()
        .put("id", tenant.id().toString())
        .put("name", tenant.name())
        .put("createdAt", Timestamps.rfc3339(tenant.createdAt()))
        .put("suspended", tenant.suspended())
        .put("suspendedAt", tenant.suspended() ? Timestamps.rfc3339(tenant.suspendedAt()) : null)
        .put("suspendedReason", tenant.suspendedReason())
        .put("planId", month.plan().id())
        .put("planName", month.plan().name())
        .put(
            "discountPercent",
            month.current() == null ? "0" : month.current().discountPercent().toPlainString())
        .put("status", level >= 100 ? "at_limit" : level >= 80 ? "near_limit" : "within_limits")
        .put("period", month.period().toString())
        .put("currency", estimate.currency())
        .put("usageAmount", InvoiceDocuments.money(usage))
        .put("chargesSoFar", InvoiceDocuments.money(estimate.total()));
  }

  private JsonArray meters(TenantMonths.TenantMonth month) {
    JsonArray meters = new JsonArray();
    for (var meter : billing.meters().all()) {
      long used = month.used(meter.name());
      PlanMeter terms = month.plan().meters().get(meter.name());
      if (used == 0 && terms == null) {
        continue;
      }
      meters.add(
          new JsonObject()
              .put("meter", meter.name())
              .put("unit", meter.unit())
              .put("used", used)
              .put("included", terms == null ? 0 : terms.included())
              .put("hardLimit", terms == null ? null : terms.hardLimit()));
    }
    return meters;
  }
}
