package dev.atrium.accounts;

import static java.util.Objects.requireNonNull;

import dev.atrium.accounts.service.AuditEvents;
import dev.atrium.accounts.service.AuditLog;
import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.Operation;
import dev.atrium.http.Schemas;
import dev.atrium.persistence.AuditEvent;
import dev.atrium.plugin.api.JsonSchema;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Problem;
import dev.atrium.shared.Reply;
import dev.atrium.shared.Role;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;

/**
 * The audit log, newest first, paged with {@code ?before=<id>&limit=<n>}: tenant admins see their
 * tenant's entries, the operator sees platform entries (failed logins for unknown e-mails, ...).
 * Each entry whose actor is {@code user:<id>} carries that user's {@code actorEmail} (only users of
 * the same tenant in a tenant's log).
 */
public final class AuditApi {
  private static final String TAG = "Audit";
  private static final int MAX_LIMIT = 500;

  private final AuditLog log;

  public AuditApi(AuditLog log) {
    this.log = requireNonNull(log, "log is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/api/audit",
        Access.member(Role.ADMIN),
        paged(Operation.of(TAG, "The tenant's audit log, newest first")),
        ctx -> page(ctx, Principal.of(ctx).tenantId()));
    routes.add(
        HttpMethod.GET,
        "/api/admin/audit",
        Access.operator(),
        paged(Operation.of(TAG, "Platform audit entries that belong to no tenant")),
        ctx -> page(ctx, null));
  }

  /** {@code operation} answering a page of entries, newest first, and its query parameters. */
  private static Operation paged(Operation operation) {
    return operation
        .query(
            "before",
            false,
            JsonSchema.integer(),
            "Only entries older than this id (a page's next)")
        .query("limit", false, Schemas.integer(1, MAX_LIMIT), "At most this many entries")
        .responds(200, "A page of entries; next is absent on the last", AccountSchemas.AUDIT_PAGE);
  }

  private Future<Reply> page(RoutingContext ctx, UUID tenantId) {
    Long before = queryLong(ctx, "before", 1, Long.MAX_VALUE);
    Long limitParam = queryLong(ctx, "limit", 1, MAX_LIMIT);
    int limit = limitParam == null ? 100 : limitParam.intValue();
    return log.page(tenantId, before, limit)
        .map(
            listed -> {
              List<AuditEvent> events = listed.events();
              JsonObject page =
                  new JsonObject()
                      .put(
                          "data",
                          new JsonArray(
                              events.stream()
                                  .map(
                                      e ->
                                          (Object)
                                              AuditEvents.toJson(e)
                                                  .put("actorEmail", listed.actorEmail(e)))
                                  .toList()));
              if (events.size() == limit) {
                page.put("next", last(events).id());
              }
              return Reply.ok(page);
            });
  }

  private static AuditEvent last(List<AuditEvent> events) {
    return events.get(events.size() - 1);
  }

  static Long queryLong(RoutingContext ctx, String name, long min, long max) {
    String value = ctx.queryParams().get(name);
    if (value == null) {
      return null;
    }
    try {
      long number = Long.parseLong(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Problem.badRequest(
        "invalid_parameter",
        "Query parameter '" + name + "' must be an integer from " + min + " to " + max + ".");
  }
}
