package dev.atrium.accounts;

import static dev.atrium.http.Schemas.object;
import static dev.atrium.http.Schemas.required;
import static dev.atrium.http.Schemas.string;
import static java.util.Objects.requireNonNull;

import dev.atrium.accounts.auth.TenantSuspensions;
import dev.atrium.accounts.service.Tenants;
import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.ClientAddress;
import dev.atrium.http.JsonBody;
import dev.atrium.http.Operation;
import dev.atrium.http.Schemas;
import dev.atrium.persistence.Tenant;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Reply;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/**
 * What the platform operator sees across tenants, and suspending and resuming one: while suspended
 * the tenant's API keys and its users' dashboard are refused (403 {@code tenant_suspended}).
 */
public final class OperatorApi {
  private static final String TAG = "Operator";
  private static final int MAX_REASON = 500;

  private final Tenants tenants;
  private final TenantSuspensions suspensions;

  public OperatorApi(Tenants tenants, TenantSuspensions suspensions) {
    this.tenants = requireNonNull(tenants, "tenants is null");
    this.suspensions = requireNonNull(suspensions, "suspensions is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/api/admin/tenants",
        Access.operator(),
        Operation.of(TAG, "All tenants, oldest first")
            .query("offset", false, Schemas.integer(0, Integer.MAX_VALUE), "Skip this many tenants")
            .query(
                "limit", false, Schemas.integer(1, 500), "At most this many tenants (default 100)")
            .responds(200, "The tenants", AccountSchemas.TENANTS),
        this::tenants);
    routes.add(
        HttpMethod.POST,
        "/api/admin/tenants/{id}/suspend",
        Access.operator(),
        Operation.of(
                TAG,
                "Suspend a tenant: its API keys and its users' dashboard sessions are refused"
                    + " with 403 tenant_suspended until it is resumed; the reason is audited")
            .body(object(required("reason"), "reason", string(MAX_REASON)))
            .responds(200, "The tenant as it now is", AccountSchemas.SUSPENDABLE_TENANT)
            .responds(404, "No such tenant")
            .responds(409, "The tenant is already suspended (already_suspended)"),
        this::suspend);
    routes.add(
        HttpMethod.POST,
        "/api/admin/tenants/{id}/resume",
        Access.operator(),
        Operation.of(TAG, "Resume a suspended tenant: its keys and users are served again at once")
            .responds(200, "The tenant as it now is", AccountSchemas.SUSPENDABLE_TENANT)
            .responds(404, "No such tenant")
            .responds(409, "The tenant is not suspended (not_suspended)"),
        this::resume);
  }

  private Future<Reply> tenants(RoutingContext ctx) {
    Long offset = AuditApi.queryLong(ctx, "offset", 0, Integer.MAX_VALUE);
    Long limit = AuditApi.queryLong(ctx, "limit", 1, 500);
    return tenants
        .list(offset == null ? 0 : offset.intValue(), limit == null ? 100 : limit.intValue())
        .map(
            tenants ->
                Reply.list(new JsonArray(tenants.stream().map(t -> (Object) toJson(t)).toList())));
  }

  /** The suspension fields every operator view of a tenant carries. */
  public static JsonObject suspension(Tenant tenant) {
    return new JsonObject()
        .put("suspended", tenant.suspended())
        .put("suspendedAt", tenant.suspended() ? tenant.suspendedAt().toString() : null)
        .put("suspendedReason", tenant.suspendedReason());
  }

  private Future<Reply> suspend(RoutingContext ctx) {
    UUID tenantId = Inputs.pathId(ctx, "id", "The tenant");
    String reason = Inputs.text(JsonBody.parse(ctx, Set.of("reason")), "reason", MAX_REASON);
    return answer(
        tenantId,
        tenants.suspend(
            tenantId,
            reason,
            OffsetDateTime.now(ZoneOffset.UTC),
            actor(ctx),
            ClientAddress.of(ctx)));
  }

  private Future<Reply> resume(RoutingContext ctx) {
    UUID tenantId = Inputs.pathId(ctx, "id", "The tenant");
    JsonBody.parseOptional(ctx, Set.of());
    return answer(tenantId, tenants.resume(tenantId, actor(ctx), ClientAddress.of(ctx)));
  }

  private static String actor(RoutingContext ctx) {
    return "user:" + Principal.of(ctx).userId();
  }

  /**
   * Forgets the cached state of a tenant just suspended or resumed, so the change holds from the
   * next request on; answers the tenant as it now is.
   */
  private Future<Reply> answer(UUID tenantId, Future<Tenant> changed) {
    return changed.onSuccess(t -> suspensions.forget(tenantId)).map(t -> Reply.ok(toJson(t)));
  }

  private static JsonObject toJson(Tenant tenant) {
    return new JsonObject()
        .put("id", tenant.id().toString())
        .put("name", tenant.name())
        .put("createdAt", tenant.createdAt().toString())
        .mergeIn(suspension(tenant));
  }
}
