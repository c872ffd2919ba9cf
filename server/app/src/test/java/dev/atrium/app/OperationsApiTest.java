package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Health, readiness, metrics and graceful shutdown. */
@ExtendWith(VertxExtension.class)
final class OperationsApiTest {

  @Test
  void healthReadinessAndMetricsAnswer(Vertx vertx) {
    try (TestServer server = TestServer.start()) {
      ApiClient api = new ApiClient(vertx, server.port());
      assertThat(api.get("/health/live", null).bodyAsJsonObject().getString("status"))
          .isEqualTo("live");
      HttpResponse<Buffer> ready = api.get("/health/ready", null);
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getString("migrations"))
          .isEqualTo("applied");
      HttpResponse<Buffer> metrics = api.get("/metrics", null);
      assertThat(metrics.getHeader("Content-Type")).startsWith("text/plain; version=0.0.4");
      assertThat(metrics.bodyAsString())
          .contains("# TYPE vertx_http_server_requests_total counter")
          .contains("# TYPE atrium_usage_ledger_backlog_events gauge");
      assertThat(metrics.bodyAsString()).doesNotContain("Bearer");
    }
  }

  @Test
  void shutdownLetsInFlightRequestsFinish(Vertx vertx) throws Exception {
    TestServer server = TestServer.start();
    ApiClient api = new ApiClient(vertx, server.port());
    // A signup hashes a password with Argon2id: slow enough to be in flight during shutdown.
    CompletableFuture<HttpResponse<Buffer>> inFlight =
        CompletableFuture.supplyAsync(
            () ->
                api.post(
                    "/api/auth/signup",
                    null,
                    new JsonObject()
                        .put("tenant", "Late")
                        .put("email", "late@example.com")
                        .put("password", "late password")));
    // Close only once the server is handling it (the /metrics request asking counts as one).
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (activeRequests(api) < 2 && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    server.close();
    assertThat(inFlight.get().statusCode()).isEqualTo(201);
  }

  private static double activeRequests(ApiClient api) {
    return api.get("/metrics", null)
        .bodyAsString()
        .lines()
        .filter(line -> line.startsWith("vertx_http_server_active_requests"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
