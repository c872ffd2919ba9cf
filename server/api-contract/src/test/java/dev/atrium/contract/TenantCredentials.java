package dev.atrium.contract;

import static dev.atrium.contract.ValidatingClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.contract.ValidatingClient.Exchange;
import dev.atrium.shared.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every credential of one tenant that a sweep calls as, by a name for messages: the dashboard token
 * of a member of each role (the owner who signed up, and an admin, a developer and a viewer invited
 * by the owner), the tenant's API key for every scope, and an API key holding only the bundled
 * plugins' scopes.
 */
final class TenantCredentials {
  private static final String PASSWORD = "member password";

  private TenantCredentials() {}

  static Map<String, String> of(ValidatingClient api, ContractTenant tenant, String domain) {
    Map<String, String> credentials = new LinkedHashMap<>();
    credentials.put(Role.OWNER.wireName(), tenant.owner());
    for (Role role : List.of(Role.ADMIN, Role.DEVELOPER, Role.VIEWER)) {
      credentials.put(role.wireName(), member(api, tenant, role, role.wireName() + "@" + domain));
    }
    credentials.put("API key", tenant.apiKey());
    credentials.put("API key for the plugins' scopes only", pluginKey(api, tenant));
    return credentials;
  }

  private static String member(
      ValidatingClient api, ContractTenant tenant, Role role, String email) {
    Exchange invited =
        api.send(
            call("POST", "/api/users")
                .as(tenant.owner())
                .json(new JsonObject().put("email", email).put("role", role.wireName())));
    assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
    Exchange accepted =
        api.send(
            call("POST", "/api/auth/accept-invite")
                .json(
                    new JsonObject()
                        .put("token", invited.json().getString("inviteToken"))
                        .put("password", PASSWORD)));
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    Exchange login =
        api.send(
            call("POST", "/api/auth/login")
                .json(new JsonObject().put("email", email).put("password", PASSWORD)));
    assertThat(login.status()).as(login.toString()).isEqualTo(200);
    return login.json().getString("token");
  }

  private static String pluginKey(ValidatingClient api, ContractTenant tenant) {
    JsonArray scopes = new JsonArray();
    Arrays.stream(ContractTenant.PLUGINS).map(p -> "plugin:" + p).forEach(scopes::add);
    Exchange key =
        api.send(
            call("POST", "/api/keys")
                .as(tenant.owner())
                .json(new JsonObject().put("name", "plugins only").put("scopes", scopes)));
    assertThat(key.status()).as(key.toString()).isEqualTo(201);
    return key.json().getString("key");
  }
}
