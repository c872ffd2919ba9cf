package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.Operation;
import dev.atrium.persistence.requests.RequestLogEntry;
import dev.atrium.persistence.requests.RequestLogFilter;
import dev.atrium.plugin.api.JsonSchema;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Reply;
import dev.atrium.shared.Role;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /api/request-logs}: the tenant's API-key requests, newest first, filtered by time,
 * key, status class, route template and request id, and paged with {@code before} (the {@code next}
 * of the previous page). Lines still queued in the {@link RequestLog} are written first, so the
 * request behind a problem body just received is found.
 */
public final class RequestLogApi {
  private static final Set<String> PARAMS =
      Set.of("from", "to", "keyId", "status", "route", "requestId", "before", "limit");
  private static final Map<String, Integer> STATUS_CLASSES = Map.of("2xx", 2, "4xx", 4, "5xx", 5);
  private static final Duration FLUSH_WAIT = Duration.ofSeconds(2);
  private static final int MAX_LIMIT = 200;

  private final RequestLog log;

  public RequestLogApi(RequestLog log) {
    this.log = requireNonNull(log, "log is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/api/request-logs",
        Access.member(Role.VIEWER),
        Operation.of("Billing", "The tenant's API requests, newest first")
            .query("from", false, JsonSchema.string(), "Not before (ISO date or date-time)")
            .query("to", false, JsonSchema.string(), "Before (ISO date or date-time)")
            .query("keyId", false, JsonSchema.uuid(), "Only this API key's requests")
            .query("status", false, JsonSchema.oneOf("2xx", "4xx", "5xx"), "Only this status class")
            .query("route", false, JsonSchema.string(), "Only this route template")
            .query("requestId", false, JsonSchema.uuid(), "Only this request (from a problem)")
            .query("before", false, JsonSchema.uuid(), "Older than this request (a page's next)")
            .query("limit", false, dev.atrium.http.Schemas.integer(1, 200), "At most this many")
            .responds(
                200, "A page of requests; next is null on the last", BillingSchemas.REQUEST_LOGS),
        this::list);
  }

  private Future<Reply> list(RoutingContext ctx) {
    Query.only(ctx, PARAMS);
    UUID tenantId = Principal.of(ctx).tenantId();
    String status = Query.text(ctx, "status");
    if (status != null && !STATUS_CLASSES.containsKey(status)) {
      throw Query.invalid("status", "must be 2xx, 4xx or 5xx");
    }
    String route = Query.text(ctx, "route");
    if (route != null && (route.isBlank() || route.length() > 300)) {
      throw Query.invalid("route", "must be a route template of 1 to 300 characters");
    }
    int limit = limit(Query.text(ctx, "limit"));
    RequestLogFilter filter =
        new RequestLogFilter(
            Query.time(ctx, "from", null),
            Query.time(ctx, "to", null),
            Query.uuid(ctx, "keyId"),
            status == null ? null : STATUS_CLASSES.get(status),
            route,
            Query.uuid(ctx, "requestId"),
            Query.uuid(ctx, "before"),
            limit + 1);
    return log.read(tenantId, filter, FLUSH_WAIT).map(rows -> page(rows, limit));
  }

  private static int limit(String text) {
    if (text == null) {
      return 50;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw Query.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
  }

  private static Reply page(List<RequestLogEntry> rows, int limit) {
    JsonArray data = new JsonArray();
    rows.stream().limit(limit).forEach(e -> data.add(json(e)));
    return Reply.ok(
        new JsonObject()
            .put("data", data)
            .put("next", rows.size() > limit ? rows.get(limit - 1).requestId().toString() : null));
  }

  private static JsonObject json(RequestLogEntry e) {
    return new JsonObject()
        .put("requestId", e.requestId().toString())
        .put("time", Timestamps.rfc3339(e.occurredAt()))
        .put("keyId", e.keyId().toString())
        .put("method", e.method())
        .put("route", e.route())
        .put("status", e.status())
        .put("latencyMs", e.latencyMicros() / 1000.0)
        .put("tokens", e.tokens())
        .put("cost", e.cost().stripTrailingZeros().toPlainString())
        .put("errorCode", e.errorCode());
  }
}
