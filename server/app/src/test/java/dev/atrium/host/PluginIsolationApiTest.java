package dev.atrium.host;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.TestServer;
import dev.atrium.host.testplugins.ProbePlugin;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A plugin that throws or blocks fails only its own request, over HTTP: the caller gets a 500 or a
 * 504 within {@code plugins.request-timeout-ms}, and the plugin's other routes, another plugin and
 * the platform keep answering, even while the blocked request is still running.
 */
@ExtendWith(VertxExtension.class)
final class PluginIsolationApiTest {
  private static final long TIMEOUT_MS = 700;
  private static final String SIBLING = "sibling";

  @Test
  void aThrowingOrBlockingPluginFailsOnlyItsOwnRequests(Vertx vertx) throws Exception {
    try (TestServer server =
        TestServer.start(Map.of("plugins.request-timeout-ms", String.valueOf(TIMEOUT_MS)))) {
      ApiClient api = new ApiClient(vertx, server.port());
      PluginApiCalls plugins = new PluginApiCalls(api);
      plugins.installed(TestPlugins.probe("1.0.0"));
      plugins.installed(
          new PluginArchiveBuilder()
              .descriptor(SIBLING, "1.0.0", ProbePlugin.class.getName(), TestPlugins.COMPATIBLE)
              .addClass(ProbePlugin.class)
              .writeTo(TestPlugins.temporaryFile()));
      String owner = api.signup("Isolation Co", "owner@isolation.test");
      plugins.enable(owner, TestPlugins.PROBE);
      plugins.enable(owner, SIBLING);
      String key = api.createKey(owner, new JsonObject().put("name", "k")).getString("key");

      JsonObject failed = assertProblem(api.get("/v1/probe/throw", key), 500, "plugin_failed");
      assertThat(failed.getString("detail")).doesNotContain("probe failure");
      assertThat(api.get("/v1/probe/hello", key).statusCode()).isEqualTo(200);

      long start = System.nanoTime();
      CompletableFuture<HttpResponse<Buffer>> blocked =
          CompletableFuture.supplyAsync(
              () -> api.get("/v1/probe/block", key), Thread.ofVirtual()::start);
      Thread.sleep(100);
      assertThat(blocked).isNotDone();
      assertAnswersQuickly(api, "/v1/probe/hello", key);
      assertAnswersQuickly(api, "/v1/" + SIBLING + "/hello", key);
      assertAnswersQuickly(api, "/v1/me", key);

      assertProblem(blocked.get(), 504, "plugin_timeout");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isBetween(Duration.ofMillis(TIMEOUT_MS - 50), Duration.ofMillis(3000));

      assertProblem(api.get("/v1/" + SIBLING + "/throw", key), 500, "plugin_failed");
      assertThat(api.get("/v1/probe/hello", key).statusCode()).isEqualTo(200);
      assertThat(plugins.installedIds()).contains(TestPlugins.PROBE, SIBLING);
    }
  }

  private static void assertAnswersQuickly(ApiClient api, String path, String key) {
    long start = System.nanoTime();
    HttpResponse<Buffer> r = api.get(path, key);
    assertThat(r.statusCode()).as(path + ": " + r.bodyAsString()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
  }
}
