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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What install-time checks cannot see is contained at run time, over HTTP: a plugin that spins
 * ignoring its interruption answers 504, is marked unhealthy and refused with 503 until an operator
 * resets it, while another tenant's plugin keeps answering (its p99 is printed); a 300 MB answer is
 * refused with 502; a large request body with 413; a plugin's permits are held until its futures
 * complete; and a failure's request id leads the operator to the plugin's log entry.
 */
@ExtendWith(VertxExtension.class)
final class HostilePluginContainmentTest {
  private static final String SPIN =
      "long end = System.nanoTime() + 6_000_000_000L; long spins = 0;"
          + " while (System.nanoTime() < end) { spins++; }"
          + " return Future.succeededFuture(PluginResponse.text(\"spun \" + spins));";

  @Test
  void runtimeAbuseIsContainedAndOtherTenantsKeepBeingServed(Vertx vertx) throws Exception {
    try (TestServer server =
        TestServer.start(
            Map.of(
                "plugins.request-timeout-ms", "2500",
                "plugins.interrupt-grace-ms", "300",
                "plugins.max-concurrent-requests", "3",
                "plugins.max-response-bytes", "1048576",
                "plugins.max-request-bytes", "4096",
                "plugins.trusted", TestPlugins.PROBE))) {
      ApiClient api = new ApiClient(vertx, server.port());
      PluginApiCalls plugins = new PluginApiCalls(api);
      plugins.installed(TestPlugins.probe("1.0.0"));
      plugins.installed(HostilePlugins.plugin("spinner", SPIN));
      plugins.installed(
          HostilePlugins.plugin(
              "hoarder",
              "private final Buffer hoard = Buffer.buffer(new byte[300 * 1024 * 1024]);",
              "return Future.succeededFuture("
                  + "PluginResponse.bytes(hoard, \"application/octet-stream\"));"));
      plugins.installed(
          HostilePlugins.plugin("pending", "return Promise.<PluginResponse>promise().future();"));
      String hostile = api.signup("Hostile Co", "owner@hostile.test");
      for (String id : List.of("spinner", "hoarder", "pending", TestPlugins.PROBE)) {
        plugins.enable(hostile, id);
      }
      String hostileKey =
          api.createKey(hostile, new JsonObject().put("name", "h")).getString("key");
      String bystander = api.signup("Bystander Co", "owner@bystander-runtime.test");
      plugins.enable(bystander, TestPlugins.PROBE);
      // Enterprise limits, so the latency sweeps measure the plugin path, not the rate limiter.
      api.send(
          HttpMethod.PUT,
          "/api/subscription",
          bystander,
          "application/json",
          new JsonObject().put("plan", "enterprise").toBuffer());
      String key = api.createKey(bystander, new JsonObject().put("name", "b")).getString("key");

      String quiet = latencies(api, key, 200);
      // Two spinning calls burn both cores of a small machine; the bystander keeps being served.
      List<CompletableFuture<HttpResponse<Buffer>>> spinning =
          IntStream.range(0, 2)
              .mapToObj(
                  i ->
                      CompletableFuture.supplyAsync(
                          () -> api.get("/v1/spinner/go", hostileKey), Thread.ofVirtual()::start))
              .toList();
      PluginApiCalls.awaitUntil(() -> inFlight(plugins, "spinner") == 2);
      String busy = latencies(api, key, 200);
      System.out.println("Bystander GET /v1/probe/hello, quiet: " + quiet);
      System.out.println("Bystander GET /v1/probe/hello, 2 plugin calls spinning: " + busy);
      String timedOutRequest = null;
      for (CompletableFuture<HttpResponse<Buffer>> call : spinning) {
        timedOutRequest = assertProblem(call.get(), 504, "plugin_timeout").getString("requestId");
      }
      PluginApiCalls.awaitUntil(
          () -> health(plugins, "spinner").getString("status").equals("unhealthy"));
      JsonObject unhealthy =
          assertProblem(api.get("/v1/spinner/ok", hostileKey), 503, "plugin_unhealthy");
      assertThat(unhealthy.getString("detail")).contains("/reset");
      String spinnerRequest = timedOutRequest;
      assertThat(logs(plugins, "spinner").stream().map(JsonObject.class::cast))
          .anySatisfy(
              e -> {
                assertThat(e.getString("level")).isEqualTo("ERROR");
                assertThat(e.getString("message")).contains("Marked unhealthy");
                assertThat(e.getString("requestId")).isNotNull();
              });
      assertThat(java.util.UUID.fromString(spinnerRequest).version()).isEqualTo(7);
      HttpResponse<Buffer> reset =
          api.send(
              HttpMethod.POST,
              "/api/admin/plugins/spinner/reset",
              plugins.operatorToken(),
              "application/json",
              Buffer.buffer("{}"));
      assertThat(reset.statusCode()).as(reset.bodyAsString()).isEqualTo(200);
      assertThat(api.get("/v1/spinner/ok", hostileKey).statusCode()).isEqualTo(200);

      JsonObject tooLarge =
          assertProblem(api.get("/v1/hoarder/go", hostileKey), 502, "plugin_response_too_large");
      assertThat(tooLarge.getString("detail")).contains("plugins.max-response-bytes");
      assertThat(plugins.uninstall("hoarder").statusCode()).isEqualTo(204);
      assertThat(api.get("/v1/probe/hello", key).statusCode()).isEqualTo(200);

      JsonObject bigBody = new JsonObject().put("text", "x".repeat(5000));
      assertProblem(
          api.send(
              HttpMethod.PUT, "/v1/probe/notes/n1", key, "application/json", bigBody.toBuffer()),
          413,
          "request_too_large");

      // Futures that never complete keep their permits after the 504: the fourth call is refused.
      List<CompletableFuture<HttpResponse<Buffer>>> pending =
          IntStream.range(0, 3)
              .mapToObj(
                  i ->
                      CompletableFuture.supplyAsync(
                          () -> api.get("/v1/pending/go", hostileKey), Thread.ofVirtual()::start))
              .toList();
      for (CompletableFuture<HttpResponse<Buffer>> call : pending) {
        assertProblem(call.get(), 504, "plugin_timeout");
      }
      assertProblem(api.get("/v1/pending/ok", hostileKey), 503, "plugin_busy");

      JsonObject failed = assertProblem(api.get("/v1/probe/throw", key), 500, "plugin_failed");
      String requestId = failed.getString("requestId");
      assertThat(failed.getString("detail")).contains(requestId);
      assertThat(logs(plugins, TestPlugins.PROBE).stream().map(JsonObject.class::cast))
          .anySatisfy(
              e -> {
                assertThat(e.getString("requestId")).isEqualTo(requestId);
                assertThat(e.getJsonObject("exception").getString("message"))
                    .isEqualTo("probe failure");
              });
      assertProblem(
          api.get("/api/admin/plugins/nothing-here/logs", plugins.operatorToken()),
          404,
          "plugin_not_found");
    }
  }

  /**
   * Calls the bystander's plugin {@code n} times (for at most 3 s), asserting each answers 200;
   * returns the latency percentiles.
   */
  private static String latencies(ApiClient api, String key, int n) {
    List<Long> micros = new ArrayList<>();
    long start = System.nanoTime();
    while (micros.size() < n && System.nanoTime() - start < 3_000_000_000L) {
      long begin = System.nanoTime();
      HttpResponse<Buffer> r = api.get("/v1/probe/hello", key);
      micros.add((System.nanoTime() - begin) / 1000);
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    }
    Collections.sort(micros);
    return String.format(
        "n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms",
        micros.size(),
        micros.get(micros.size() / 2) / 1000.0,
        micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0,
        micros.get(micros.size() - 1) / 1000.0);
  }

  private static JsonArray logs(PluginApiCalls plugins, String id) {
    return plugins
        .api()
        .get("/api/admin/plugins/" + id + "/logs", plugins.operatorToken())
        .bodyAsJsonObject()
        .getJsonArray("data");
  }

  private static JsonObject describe(PluginApiCalls plugins, String id) {
    return plugins
        .api()
        .get("/api/admin/plugins", plugins.operatorToken())
        .bodyAsJsonObject()
        .getJsonArray("data")
        .stream()
        .map(JsonObject.class::cast)
        .filter(p -> p.getString("id").equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static int inFlight(PluginApiCalls plugins, String id) {
    return describe(plugins, id).getInteger("inFlight");
  }

  private static JsonObject health(PluginApiCalls plugins, String id) {
    return describe(plugins, id).getJsonObject("health");
  }
}
