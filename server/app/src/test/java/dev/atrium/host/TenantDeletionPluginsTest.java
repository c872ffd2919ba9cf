package dev.atrium.host;

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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deleting a tenant reaches the plugins: each forgets the tenant's jobs (cancelled, then no longer
 * listed) and is told through {@code AtriumPlugin.tenantDeleted} (SDK 1.10.0), so it can drop what
 * it keeps in memory. A plugin that hangs or throws there is cut off and logged; the deletion
 * completes, and the other plugins and tenants are served as before.
 */
@ExtendWith(VertxExtension.class)
final class TenantDeletionPluginsTest {

  @Test
  void pluginsForgetADeletedTenantAndAHangingOrFailingPluginCannotBlockTheDeletion(Vertx vertx)
      throws Exception {
    try (TestServer server = TestServer.start(Map.of("plugins.trusted", TestPlugins.PROBE))) {
      ApiClient api = new ApiClient(vertx, server.port());
      PluginApiCalls plugins = new PluginApiCalls(api);
      plugins.installed(TestPlugins.probe("1.0.0"));
      plugins.installed(
          HostilePlugins.plugin(
              "sleeper",
              "@Override public void tenantDeleted(String tenantId) {"
                  + " try { Thread.sleep(600_000); } catch (InterruptedException e) {"
                  + " context.logger().info(\"sleeper: interrupted\"); } }",
              "return Future.succeededFuture(PluginResponse.text(\"awake\"));"));
      plugins.installed(
          HostilePlugins.plugin(
              "thrower",
              "@Override public void tenantDeleted(String tenantId) {"
                  + " throw new IllegalStateException(\"thrower refuses\"); }",
              "return Future.succeededFuture(PluginResponse.text(\"fine\"));"));

      String doomed = api.signup("Forgotten Co", "owner@forgotten.test");
      plugins.enable(doomed, TestPlugins.PROBE);
      String doomedKey = api.createKey(doomed, new JsonObject().put("name", "d")).getString("key");
      String doomedId =
          api.get("/api/me", doomed).bodyAsJsonObject().getJsonObject("tenant").getString("id");
      HttpResponse<Buffer> job =
          api.send(
              HttpMethod.POST,
              "/v1/probe/jobs",
              doomedKey,
              "application/json",
              Buffer.buffer("{}"));
      assertThat(job.statusCode()).as(job.bodyAsString()).isEqualTo(200);
      String bystander = api.signup("Remembered Co", "owner@remembered.test");
      plugins.enable(bystander, TestPlugins.PROBE);
      String bystanderKey =
          api.createKey(bystander, new JsonObject().put("name", "b")).getString("key");

      HttpResponse<Buffer> deleted =
          api.send(
              HttpMethod.DELETE,
              "/api/tenant",
              doomed,
              "application/json",
              new JsonObject().put("confirm", "Forgotten Co").toBuffer());
      assertThat(deleted.statusCode()).as(deleted.bodyAsString()).isEqualTo(200);
      assertThat(deleted.bodyAsJsonObject().getInteger("pluginsNotified"))
          .as("the probe returned; the sleeper was cut off and the thrower failed")
          .isEqualTo(1);

      PluginApiCalls.awaitUntil(
          () ->
              logged(plugins, TestPlugins.PROBE, "probe: job of tenant " + doomedId + " cancelled")
                  && logged(plugins, TestPlugins.PROBE, "probe: forgot tenant " + doomedId)
                  && logged(plugins, "sleeper", "sleeper: interrupted"));
      assertThat(api.get("/v1/probe/hello", bystanderKey).statusCode()).isEqualTo(200);
      assertThat(api.get("/v1/sleeper/go", bystanderKey).statusCode())
          .as("a plugin the bystander has not enabled")
          .isEqualTo(403);
      assertThat(api.get("/v1/probe/hello", doomedKey).statusCode()).isEqualTo(401);
    }
  }

  private static boolean logged(PluginApiCalls plugins, String id, String message) {
    JsonArray entries =
        plugins
            .api()
            .get("/api/admin/plugins/" + id + "/logs", plugins.operatorToken())
            .bodyAsJsonObject()
            .getJsonArray("data");
    return entries.stream()
        .map(JsonObject.class::cast)
        .anyMatch(e -> e.getString("message").contains(message));
  }
}
