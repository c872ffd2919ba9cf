package dev.atrium.contract;

import static dev.atrium.contract.ValidatingClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.contract.ValidatingClient.Exchange;
import io.vertx.core.json.JsonObject;

/**
 * The tenant the contract test calls as: its owner, on the enterprise plan so that its traffic is
 * not rate limited, with every bundled plugin enabled and an API key for all scopes.
 */
record ContractTenant(String id, String owner, String apiKey, String keyId) {
  static final String PASSWORD = "tenant password";
  static final String[] PLUGINS = {"customer-service", "content", "fraud", "tutoring"};

  static ContractTenant signUp(ValidatingClient api, String domain) {
    Exchange signup =
        api.send(
            call("POST", "/api/auth/signup")
                .json(
                    new JsonObject()
                        .put("tenant", "Contract " + domain)
                        .put("email", "owner@" + domain)
                        .put("password", PASSWORD)));
    assertThat(signup.status()).as(signup.toString()).isEqualTo(201);
    String owner = signup.json().getString("token");
    Exchange plan =
        api.send(
            call("PUT", "/api/subscription")
                .as(owner)
                .json(new JsonObject().put("plan", "enterprise")));
    assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
    for (String plugin : PLUGINS) {
      Exchange enabled =
          api.send(
              call("PUT", "/api/plugins/" + plugin)
                  .as(owner)
                  .json(new JsonObject().put("enabled", true)));
      assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
    }
    Exchange key =
        api.send(
            call("POST", "/api/keys").as(owner).json(new JsonObject().put("name", "contract")));
    assertThat(key.status()).as(key.toString()).isEqualTo(201);
    String id =
        api.send(call("GET", "/api/me").as(owner)).json().getJsonObject("tenant").getString("id");
    return new ContractTenant(id, owner, key.json().getString("key"), key.json().getString("id"));
  }

  /** The credential that passes an operation's {@code x-atrium-access} rule. */
  String credentialFor(JsonObject access, String operator) {
    return switch (access.getString("kind")) {
      case "api_key" -> apiKey;
      case "operator" -> operator;
      case "public" -> null;
      default -> owner;
    };
  }
}
