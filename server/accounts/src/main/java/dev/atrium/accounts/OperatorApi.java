package dev.atrium.accounts;

import static java.util.Objects.requireNonNull;

import dev.atrium.accounts.service.Tenants;
import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.Operation;
import dev.atrium.shared.Reply;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** What the platform operator sees across tenants. */
public final class OperatorApi {
  private static final String TAG = "Operator";

  private final Tenants tenants;

  public OperatorApi(Tenants tenants) {
    this.tenants = requireNonNull(tenants, "tenants is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/api/admin/tenants",
        Access.operator(),
        Operation.of(TAG, "All tenants, oldest first (?offset=&limit=<1..500>)"),
        this::tenants);
  }

  private Future<Reply> tenants(RoutingContext ctx) {
    Long offset = AuditApi.queryLong(ctx, "offset", 0, Integer.MAX_VALUE);
    Long limit = AuditApi.queryLong(ctx, "limit", 1, 500);
    return tenants
        .list(offset == null ? 0 : offset.intValue(), limit == null ? 100 : limit.intValue())
        .map(
            tenants ->
                Reply.list(
                    new JsonArray(
                        tenants.stream()
                            .map(
                                t ->
                                    (Object)
                                        new JsonObject()
                                            .put("id", t.id().toString())
                                            .put("name", t.name())
                                            .put("createdAt", t.createdAt().toString()))
                            .toList())));
  }
}
