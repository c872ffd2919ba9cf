package dev.atrium.accounts;

import static java.util.Objects.requireNonNull;

import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.OpenApiDocument;
import dev.atrium.http.Operation;
import dev.atrium.shared.Reply;
import dev.atrium.shared.Role;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code GET /api/scopes}: the API-key scopes that mean something on this server, so a key is
 * created from a list rather than free text: {@code *} (everything), the platform scopes its
 * API-key routes check (read from the routes themselves, e.g. {@code embeddings}, {@code
 * generation}), and {@code plugin:<id>} for each plugin the tenant may use.
 */
public final class ScopeApi {
  /** The scope every API-key route accepts. */
  public static final String ALL = "*";

  private static final String PLUGIN_PREFIX = "plugin:";

  private final OpenApiDocument openApi;
  private final Supplier<List<String>> offeredPlugins;

  /**
   * @param offeredPlugins the ids of the installed plugins tenants may see, asked at each request
   */
  public ScopeApi(OpenApiDocument openApi, Supplier<List<String>> offeredPlugins) {
    this.openApi = requireNonNull(openApi, "openApi is null");
    this.offeredPlugins = requireNonNull(offeredPlugins, "offeredPlugins is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/api/scopes",
        Access.member(Role.VIEWER),
        Operation.of("API keys", "The API-key scopes this server checks, to choose a key's from")
            .responds(200, "The scopes", AccountSchemas.SCOPES),
        ctx -> Future.succeededFuture(Reply.list(scopes())));
  }

  private JsonArray scopes() {
    JsonArray data = new JsonArray().add(new JsonObject().put("scope", ALL).put("kind", "all"));
    platformScopes()
        .forEach(s -> data.add(new JsonObject().put("scope", s).put("kind", "platform")));
    offeredPlugins.get().stream()
        .sorted()
        .forEach(
            id ->
                data.add(
                    new JsonObject()
                        .put("scope", PLUGIN_PREFIX + id)
                        .put("kind", "plugin")
                        .put("plugin", id)));
    return data;
  }

  /** The scopes named by the documented API-key routes, plugins' excepted. */
  private Set<String> platformScopes() {
    Set<String> scopes = new TreeSet<>();
    JsonObject paths = openApi.json().getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        JsonObject access = item.getJsonObject(method).getJsonObject("x-atrium-access");
        String scope = access == null ? null : access.getString("scope");
        if (scope != null && !scope.equals(ALL) && !scope.startsWith(PLUGIN_PREFIX)) {
          scopes.add(scope);
        }
      }
    }
    return scopes;
  }
}
