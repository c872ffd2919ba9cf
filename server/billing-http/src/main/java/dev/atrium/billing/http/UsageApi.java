package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.BillingPeriod;
import dev.atrium.billing.UsageRecorder;
import dev.atrium.db.Db;
import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.Operation;
import dev.atrium.persistence.billing.UsageGroup;
import dev.atrium.persistence.billing.UsageGrouping;
import dev.atrium.persistence.billing.UsageRepository;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Reply;
import dev.atrium.shared.Role;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Usage reports from the rollups: {@code GET /api/usage?from=&to=&groupBy=} for the tenant, and
 * {@code GET /api/admin/usage} (optionally {@code tenantId=}) for the operator across tenants.
 * {@code from} and {@code to} are dates or whole-hour timestamps, {@code to} exclusive, default the
 * current month; {@code groupBy} is hour, day (default), meter, plugin, model or key.
 */
public final class UsageApi {
  private static final String TAG = "Billing";
  private static final Duration MAX_RANGE = Duration.ofDays(400);

  private final Db db;
  private final UsageRecorder usage;
  private final Clock clock;

  public UsageApi(Db db, UsageRecorder usage, Clock clock) {
    this.usage = requireNonNull(usage, "usage is null");
    this.db = requireNonNull(db, "db is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/api/usage",
        Access.member(Role.VIEWER),
        Operation.of(
            TAG,
            "The tenant's usage per meter (?from=&to=&groupBy=hour|day|meter|plugin|model|key)"),
        ctx -> report(ctx, Principal.of(ctx).tenantId(), Set.of("from", "to", "groupBy")));
    routes.add(
        HttpMethod.GET,
        "/api/admin/usage",
        Access.operator(),
        Operation.of(TAG, "Usage of all tenants, or of ?tenantId=, per tenant and meter"),
        ctx -> {
          Query.only(ctx, Set.of("from", "to", "groupBy", "tenantId"));
          return report(
              ctx, Query.uuid(ctx, "tenantId"), Set.of("from", "to", "groupBy", "tenantId"));
        });
  }

  private Future<Reply> report(RoutingContext ctx, UUID tenantId, Set<String> allowed) {
    Query.only(ctx, allowed);
    BillingPeriod month = BillingPeriod.containing(OffsetDateTime.now(clock));
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
    // Everything acknowledged so far is in the report: the ledger's journal is moved first.
    return db.guard(usage::flush, ctx.vertx().getOrCreateContext())
        .compose(v -> db.read(dsl -> new UsageRepository(dsl).report(tenantId, from, to, grouping)))
        .map(
            rows -> {
              JsonArray data = new JsonArray();
              for (UsageGroup row : rows) {
                JsonObject item = new JsonObject();
                if (row.tenantId() != null) {
                  item.put("tenantId", row.tenantId().toString());
                }
                if (grouping != UsageGrouping.METER) {
                  item.put(groupField, row.group());
                }
                data.add(
                    item.put("meter", row.meter())
                        .put("quantity", row.quantity())
                        .put("events", row.events()));
              }
              return Reply.ok(
                  new JsonObject()
                      .put("from", from.toString())
                      .put("to", to.toString())
                      .put("groupBy", groupField)
                      .put("data", data));
            });
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
