package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.Billing;
import dev.atrium.billing.BillingPeriod;
import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.Operation;
import dev.atrium.persistence.billing.Meter;
import dev.atrium.persistence.billing.Plan;
import dev.atrium.persistence.billing.UsageGroup;
import dev.atrium.persistence.billing.UsageGrouping;
import dev.atrium.plugin.api.JsonSchema;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Reply;
import dev.atrium.shared.Role;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Usage reports from the rollups: {@code GET /api/usage?from=&to=&groupBy=} for the tenant, and
 * {@code GET /api/admin/usage} (optionally {@code tenantId=}) for the operator across tenants.
 * {@code from} and {@code to} are dates or whole-hour timestamps, {@code to} exclusive, default the
 * current month; {@code groupBy} is hour, day (default), meter, plugin, model or key. Each row
 * carries its meter's unit, and a tenant's own rows their cost at its plan's list prices.
 */
public final class UsageApi {
  private static final String TAG = "Billing";
  private static final Duration MAX_RANGE = Duration.ofDays(400);
  private static final Set<String> TENANT_PARAMS = Set.of("from", "to", "groupBy");

  private final UsageReports reports;
  private final Billing billing;

  public UsageApi(UsageReports reports, Billing billing) {
    this.reports = requireNonNull(reports, "reports is null");
    this.billing = requireNonNull(billing, "billing is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/api/usage",
        Access.member(Role.VIEWER),
        report(
            Operation.of(TAG, "The tenant's usage per meter with units and cost at list prices")),
        ctx -> report(ctx, Principal.of(ctx).tenantId(), TENANT_PARAMS));
    routes.add(
        HttpMethod.GET,
        "/api/admin/usage",
        Access.operator(),
        report(Operation.of(TAG, "Usage of all tenants, or of one, per tenant and meter"))
            .query("tenantId", false, JsonSchema.uuid(), "Only this tenant"),
        ctx -> {
          Query.only(ctx, Set.of("from", "to", "groupBy", "tenantId"));
          return report(
              ctx, Query.uuid(ctx, "tenantId"), Set.of("from", "to", "groupBy", "tenantId"));
        });
  }

  /** {@code operation} answering a usage report over a time range, and its query parameters. */
  private static Operation report(Operation operation) {
    return operation
        .query(
            "from",
            false,
            JsonSchema.string(),
            "Start (ISO date or date-time; default: this month)")
        .query("to", false, JsonSchema.string(), "End, exclusive (ISO date or date-time)")
        .query(
            "groupBy",
            false,
            JsonSchema.oneOf("hour", "day", "meter", "plugin", "model", "key"),
            "The rows' grouping (default day)")
        .responds(200, "The report", BillingSchemas.USAGE);
  }

  private Future<Reply> report(RoutingContext ctx, UUID tenantId, Set<String> allowed) {
    Query.only(ctx, allowed);
    BillingPeriod month = BillingPeriod.containing(OffsetDateTime.now(billing.clock()));
    OffsetDateTime from = Query.time(ctx, "from", month.start());
    OffsetDateTime to = Query.time(ctx, "to", month.end());
    if (!wholeHour(from) || !wholeHour(to)) {
      throw Query.invalid("from", "and 'to' must be whole hours (rollups are hourly)");
    }
    if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw Query.invalid("to", "must be after 'from', at most 400 days later");
    }
    String groupText = Query.text(ctx, "groupBy");
    UsageGrouping grouping = grouping(groupText == null ? "day" : groupText);
    String groupField = grouping.name().toLowerCase(Locale.ROOT);
    Context context = ctx.vertx().getOrCreateContext();
    Future<Plan> plan =
        tenantId == null || !allowed.equals(TENANT_PARAMS)
            ? Future.succeededFuture(null)
            : Future.fromCompletionStage(billing.plans().planOf(tenantId), context);
    return reports
        .report(tenantId, from, to, grouping, context)
        .compose(rows -> plan.map(p -> body(rows, grouping, p)))
        .map(
            body ->
                Reply.ok(
                    body.put("from", Timestamps.rfc3339(from))
                        .put("to", Timestamps.rfc3339(to))
                        .put("groupBy", groupField)));
  }

  /**
   * The rows with each one's unit and, for a tenant's own report, its cost at the list prices of
   * the tenant's plan (before the included allowances, which the invoice deducts), and the meters
   * the rows name with their unit, description and unit price.
   */
  private JsonObject body(List<UsageGroup> rows, UsageGrouping grouping, Plan plan) {
    String groupField = grouping.name().toLowerCase(Locale.ROOT);
    JsonArray data = new JsonArray();
    JsonObject meters = new JsonObject();
    BigDecimal total = BigDecimal.ZERO;
    for (UsageGroup row : rows) {
      Meter meter = billing.meters().find(row.meter()).orElse(null);
      JsonObject item = new JsonObject();
      if (row.tenantId() != null) {
        item.put("tenantId", row.tenantId().toString());
      }
      if (grouping != UsageGrouping.METER) {
        item.put(groupField, row.group());
      }
      item.put("meter", row.meter())
          .put("unit", meter == null ? null : meter.unit())
          .put("quantity", row.quantity())
          .put("events", row.events());
      if (plan != null) {
        BigDecimal cost = plan.listPrice(row.meter()).multiply(BigDecimal.valueOf(row.quantity()));
        total = total.add(cost);
        item.put("cost", plain(cost));
      }
      data.add(item);
      if (meter != null && !meters.containsKey(meter.name())) {
        meters.put(
            meter.name(),
            new JsonObject()
                .put("unit", meter.unit())
                .put("pluginId", meter.pluginId())
                .put("description", meter.description())
                .put("unitPrice", plan == null ? null : plain(plan.listPrice(meter.name()))));
      }
    }
    JsonObject body = new JsonObject().put("data", data).put("meters", meters);
    if (plan != null) {
      body.put("currency", billing.settings().currency())
          .put("plan", plan.id())
          .put("totalCost", plain(total));
    }
    return body;
  }

  private static String plain(BigDecimal amount) {
    return amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString();
  }

  private static UsageGrouping grouping(String text) {
    return switch (text) {
      case "hour" -> UsageGrouping.HOUR;
      case "day" -> UsageGrouping.DAY;
      case "meter" -> UsageGrouping.METER;
      case "plugin" -> UsageGrouping.PLUGIN;
      case "model" -> UsageGrouping.MODEL;
      case "key" -> UsageGrouping.KEY;
      default ->
          throw Query.invalid("groupBy", "must be one of hour, day, meter, plugin, model, key");
    };
  }

  private static boolean wholeHour(OffsetDateTime t) {
    LocalTime time = t.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime();
    return time.getMinute() == 0 && time.getSecond() == 0 && time.getNano() == 0;
  }
}
