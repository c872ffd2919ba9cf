package dev.atrium.host;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A third party's whole journey with the template plugin: built outside the reactor against the SDK
 * alone, installed on a running server through the operator API, enabled by a tenant, called with
 * an API key, upgraded while requests are running (none fails), and uninstalled.
 */
@ExtendWith(VertxExtension.class)
final class ThirdPartyPluginApiTest {
  private static final String ECHO = "/v1/" + TemplatePlugin.ID + "/echo";

  @Test
  @Timeout(60)
  void buildInstallCallUpgradeUnderLoadAndUninstall(Vertx vertx) throws Exception {
    Path v1 = TemplatePlugin.build("1.0.0");
    Path v2 = TemplatePlugin.build("2.0.0");
    try (TestServer server =
        TestServer.start(Map.of("plugins.offered-internal", TemplatePlugin.ID))) {
      ApiClient api = new ApiClient(vertx, server.port());
      PluginApiCalls plugins = new PluginApiCalls(api);
      String owner = api.signup("Third Party Co", "owner@third-party.test");
      String key = api.createKey(owner, new JsonObject().put("name", "echo")).getString("key");

      HttpResponse<Buffer> installed = plugins.install(v1);
      assertThat(installed.statusCode()).as(installed.bodyAsString()).isEqualTo(201);
      assertThat(installed.bodyAsJsonObject().getString("version")).isEqualTo("1.0.0");
      assertProblem(echo(api, key, "before"), 403, "plugin_disabled");

      HttpResponse<Buffer> chosen =
          plugins.choose(
              owner,
              TemplatePlugin.ID,
              new JsonObject()
                  .put("enabled", true)
                  .put("settings", new JsonObject().put("greeting", "Ahoy")));
      assertThat(chosen.statusCode()).as(chosen.bodyAsString()).isEqualTo(200);
      JsonObject first = echo(api, key, "hello").bodyAsJsonObject();
      assertThat(first)
          .isEqualTo(
              new JsonObject()
                  .put("echo", "hello")
                  .put("greeting", "Ahoy")
                  .put("version", "1.0.0"));
      // The template reads its body with the SDK's strict parser: the host answers its refusals.
      assertProblem(
          api.send(
              HttpMethod.POST,
              ECHO,
              key,
              "application/json",
              Buffer.buffer("{\"text\": \"a\", \"text\": \"b\"}")),
          400,
          "duplicate_key");
      assertProblem(
          api.send(
              HttpMethod.POST,
              ECHO,
              key,
              "application/json",
              Buffer.buffer("{\"text\": \"a\" // comment\n}")),
          400,
          "malformed_json");

      Set<String> versions = ConcurrentHashMap.newKeySet();
      List<String> failures = new ArrayList<>();
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
      List<Future<Integer>> counts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        counts.add(
            callers.submit(
                () -> {
                  int calls = 0;
                  while (!stop.get()) {
                    HttpResponse<Buffer> r = echo(api, key, "load");
                    calls++;
                    if (r.statusCode() == 200) {
                      versions.add(r.bodyAsJsonObject().getString("version"));
                    } else {
                      synchronized (failures) {
                        failures.add(r.statusCode() + " " + r.bodyAsString());
                      }
                    }
                  }
                  return calls;
                }));
      }
      PluginApiCalls.awaitUntil(() -> versions.contains("1.0.0"));
      HttpResponse<Buffer> upgraded = plugins.upgrade(TemplatePlugin.ID, v2);
      assertThat(upgraded.statusCode()).as(upgraded.bodyAsString()).isEqualTo(200);
      PluginApiCalls.awaitUntil(() -> versions.contains("2.0.0"));
      stop.set(true);
      int total = 0;
      for (Future<Integer> count : counts) {
        total += count.get();
      }
      callers.shutdown();

      assertThat(failures).as("failed calls during the upgrade").isEmpty();
      assertThat(versions).containsExactlyInAnyOrder("1.0.0", "2.0.0");
      assertThat(total).isGreaterThan(8);
      assertThat(echo(api, key, "after").bodyAsJsonObject().getString("version"))
          .isEqualTo("2.0.0");
      assertThat(documentedPaths(api)).contains(ECHO);

      assertThat(plugins.uninstall(TemplatePlugin.ID).statusCode()).isEqualTo(204);
      assertProblem(echo(api, key, "gone"), 404, "plugin_not_found");
      assertThat(plugins.installedIds()).doesNotContain(TemplatePlugin.ID);
      assertThat(documentedPaths(api)).doesNotContain(ECHO);
    }
  }

  private static HttpResponse<Buffer> echo(ApiClient api, String key, String text) {
    return api.post(ECHO, key, new JsonObject().put("text", text));
  }

  private static Set<String> documentedPaths(ApiClient api) {
    return api.get("/openapi.json", null).bodyAsJsonObject().getJsonObject("paths").fieldNames();
  }
}
