package dev.atrium.accounts;

import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.Operation;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Reply;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** {@code GET /v1/me}: what an API key is, answered from the authentication cache alone. */
public final class MeApi {
  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/v1/me",
        Access.apiKey(null),
        Operation.of("API", "The calling API key: its tenant, id and scopes")
            .responds(200, "The caller", AccountSchemas.API_KEY_CALLER),
        ctx -> {
          Principal p = Principal.of(ctx);
          return Future.succeededFuture(
              Reply.ok(
                  new JsonObject()
                      .put("tenantId", p.tenantId().toString())
                      .put("keyId", p.keyId().toString())
                      .put(
                          "scopes",
                          new JsonArray(List.copyOf(p.scopes().stream().sorted().toList())))));
        });
  }
}
