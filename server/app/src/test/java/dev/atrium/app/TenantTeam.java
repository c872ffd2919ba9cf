package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.shared.Role;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A signed-up tenant with a member of every role (owner, admin, developer, viewer), each logged in,
 * and an API key with every scope: the callers the access sweeps use.
 */
public record TenantTeam(
    String tenantId, Map<Role, String> tokens, String apiKey, String apiKeyId) {

  /** Signs up tenant {@code name}; its members' emails are {@code <role>@<domain>}. */
  public static TenantTeam signUp(ApiClient api, String name, String domain) {
    String owner = api.signup(name, "owner@" + domain);
    Map<Role, String> tokens = new EnumMap<>(Role.class);
    tokens.put(Role.OWNER, owner);
    for (Role role : List.of(Role.ADMIN, Role.DEVELOPER, Role.VIEWER)) {
      String email = role.wireName() + "@" + domain;
      String invite =
          api.post(
                  "/api/users",
                  owner,
                  new JsonObject().put("email", email).put("role", role.wireName()))
              .bodyAsJsonObject()
              .getString("inviteToken");
      api.post(
          "/api/auth/accept-invite",
          null,
          new JsonObject().put("token", invite).put("password", "role password"));
      tokens.put(role, api.login(email, "role password"));
    }
    JsonObject key = api.createKey(owner, new JsonObject().put("name", "k"));
    String tenantId =
        api.get("/api/me", owner).bodyAsJsonObject().getJsonObject("tenant").getString("id");
    return new TenantTeam(tenantId, Map.copyOf(tokens), key.getString("key"), key.getString("id"));
  }

  public String token(Role role) {
    return tokens.get(role);
  }

  public String owner() {
    return tokens.get(Role.OWNER);
  }

  /** Enables {@code pluginId} for this tenant, so its routes answer the tenant's keys. */
  public void enable(ApiClient api, String pluginId) {
    HttpResponse<Buffer> r =
        api.send(
            HttpMethod.PUT,
            "/api/plugins/" + pluginId,
            owner(),
            "application/json",
            new JsonObject().put("enabled", true).toBuffer());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }
}
