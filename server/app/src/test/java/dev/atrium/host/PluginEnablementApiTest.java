package dev.atrium.host;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-tenant enablement over HTTP: a plugin answers only tenants that enabled it, one tenant's
 * choice and settings never show to another, only admins choose, and settings must match the
 * plugin's schema.
 */
@ExtendWith(VertxExtension.class)
final class PluginEnablementApiTest {
  private static final String PROBE = TestPlugins.PROBE;
  private static final String HELLO = "/v1/" + PROBE + "/hello";

  @Test
  void eachTenantChoosesForItselfAndOnlyAdminsChoose(Vertx vertx) {
    try (TestServer server = TestServer.start()) {
      ApiClient api = new ApiClient(vertx, server.port());
      PluginApiCalls plugins = new PluginApiCalls(api);
      plugins.installed(TestPlugins.probe("1.0.0"));
      String ownerA = api.signup("Tenant A", "owner@a.test");
      String ownerB = api.signup("Tenant B", "owner@b.test");
      String keyA = api.createKey(ownerA, new JsonObject().put("name", "a")).getString("key");
      String keyB = api.createKey(ownerB, new JsonObject().put("name", "b")).getString("key");

      JsonObject disabled = assertProblem(api.get(HELLO, keyA), 403, "plugin_disabled");
      assertThat(disabled.getString("detail")).contains("PUT /api/plugins/" + PROBE);

      HttpResponse<Buffer> saved =
          plugins.choose(
              ownerA,
              PROBE,
              new JsonObject()
                  .put("enabled", true)
                  .put("settings", new JsonObject().put("greeting", "hi from A")));
      assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);

      JsonObject answer = api.get(HELLO, keyA).bodyAsJsonObject();
      assertThat(answer.getString("greeting")).isEqualTo("hi from A");
      assertProblem(api.get(HELLO, keyB), 403, "plugin_disabled");
      assertThat(catalogueEntry(api, ownerA).getBoolean("enabled")).isTrue();
      JsonObject seenByB = catalogueEntry(api, ownerB);
      assertThat(seenByB.getBoolean("enabled")).isFalse();
      assertThat(seenByB.encode()).doesNotContain("hi from A");

      String viewer = member(api, ownerA, "viewer@a.test", "viewer");
      assertThat(catalogueEntry(api, viewer).getBoolean("enabled")).isTrue();
      assertProblem(
          plugins.choose(viewer, PROBE, new JsonObject().put("enabled", false)),
          403,
          "insufficient_role");
      assertThat(api.get(HELLO, keyA).statusCode()).isEqualTo(200);

      assertThat(plugins.choose(ownerA, PROBE, new JsonObject().put("enabled", false)).statusCode())
          .isEqualTo(200);
      assertProblem(api.get(HELLO, keyA), 403, "plugin_disabled");
      assertProblem(
          plugins.choose(ownerA, "no-such-plugin", new JsonObject().put("enabled", true)),
          404,
          "plugin_not_found");
    }
  }

  @Test
  void thePlanDecidesWhichPluginsATenantMayCallAndCallsAreBilledToThePlugin(Vertx vertx) {
    try (TestServer server = TestServer.start()) {
      ApiClient api = new ApiClient(vertx, server.port());
      PluginApiCalls plugins = new PluginApiCalls(api);
      plugins.installed(TestPlugins.probe("1.0.0"));
      JsonObject signup =
          api.post(
                  "/api/auth/signup",
                  null,
                  new JsonObject()
                      .put("tenant", "Planned")
                      .put("email", "owner@planned.test")
                      .put("password", "correct horse battery"))
              .bodyAsJsonObject();
      String owner = signup.getString("token");
      String key = api.createKey(owner, new JsonObject().put("name", "k")).getString("key");
      plugins.choose(owner, PROBE, new JsonObject().put("enabled", true));
      assertThat(api.get(HELLO, key).statusCode()).isEqualTo(200);
      JsonArray byPlugin =
          api.get("/api/usage?groupBy=plugin", owner).bodyAsJsonObject().getJsonArray("data");
      assertThat(byPlugin.encode()).contains("\"plugin\":\"" + PROBE + "\"");

      String operator = api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
      JsonObject narrow =
          new JsonObject()
              .put("id", "narrow")
              .put("name", "Narrow")
              .put("monthlyFee", "0.00")
              .put(
                  "rateLimits",
                  new JsonObject()
                      .put("keyRequestsPerMinute", 1000)
                      .put("tenantRequestsPerMinute", 1000)
                      .put("keyTokensPerMinute", 100000)
                      .put("tenantTokensPerMinute", 100000))
              .put("maxConcurrency", 8)
              .put("poolWeight", 1)
              .put("allowedPlugins", new JsonArray().add("some-other-plugin"))
              .put("meters", new JsonObject());
      HttpResponse<Buffer> created = api.post("/api/admin/plans", operator, narrow);
      assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
      String tenantId = signup.getJsonObject("tenant").getString("id");
      HttpResponse<Buffer> moved =
          api.send(
              HttpMethod.PUT,
              "/api/admin/tenants/" + tenantId + "/subscription",
              operator,
              "application/json",
              new JsonObject().put("plan", "narrow").toBuffer());
      assertThat(moved.statusCode()).as(moved.bodyAsString()).isEqualTo(200);
      assertProblem(api.get(HELLO, key), 403, "plugin_not_in_plan");
    }
  }

  @Test
  void settingsMustMatchThePluginsSchema(Vertx vertx) {
    try (TestServer server = TestServer.start()) {
      ApiClient api = new ApiClient(vertx, server.port());
      PluginApiCalls plugins = new PluginApiCalls(api);
      plugins.installed(TestPlugins.probe("1.0.0"));
      String owner = api.signup("Settings Co", "owner@settings.test");
      plugins.enable(owner, PROBE);

      JsonObject wrongType =
          assertProblem(
              plugins.choose(
                  owner,
                  PROBE,
                  new JsonObject().put("settings", new JsonObject().put("greeting", 7))),
              400,
              "invalid_settings");
      assertThat(wrongType.getString("detail")).contains("settings/greeting").contains("string");

      JsonObject tooLong =
          assertProblem(
              plugins.choose(
                  owner,
                  PROBE,
                  new JsonObject()
                      .put("settings", new JsonObject().put("greeting", "x".repeat(21)))),
              400,
              "invalid_settings");
      assertThat(tooLong.getString("detail")).contains("settings/greeting");

      JsonObject unknown =
          assertProblem(
              plugins.choose(
                  owner,
                  PROBE,
                  new JsonObject().put("settings", new JsonObject().put("colour", "red"))),
              400,
              "invalid_settings");
      assertThat(unknown.getString("detail")).contains("colour");

      assertProblem(
          plugins.choose(owner, PROBE, new JsonObject().put("settings", "not an object")),
          400,
          "invalid_field");
      assertThat(catalogueEntry(api, owner).getJsonObject("settings")).isEqualTo(new JsonObject());
    }
  }

  private static JsonObject catalogueEntry(ApiClient api, String token) {
    HttpResponse<Buffer> r = api.get("/api/plugins", token);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonArray data = r.bodyAsJsonObject().getJsonArray("data");
    return data.stream()
        .map(JsonObject.class::cast)
        .filter(p -> PROBE.equals(p.getString("id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + PROBE + " in " + data));
  }

  private static String member(ApiClient api, String owner, String email, String role) {
    String invite =
        api.post("/api/users", owner, new JsonObject().put("email", email).put("role", role))
            .bodyAsJsonObject()
            .getString("inviteToken");
    api.post(
        "/api/auth/accept-invite",
        null,
        new JsonObject().put("token", invite).put("password", "member password"));
    return api.login(email, "member password");
  }
}
