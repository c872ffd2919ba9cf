package dev.atrium.app;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
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

      // Metrics are the operator's: anonymous callers and tenant users are refused.
      assertProblem(api.get("/metrics", null), 401, "unauthorized");
      String owner = api.signup("Metrics Co", "owner@metrics.test");
      assertProblem(api.get("/metrics", owner), 403, "operator_only");
      HttpResponse<Buffer> metrics = api.get("/metrics", operator(api));
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.getHeader("Content-Type")).startsWith("text/plain; version=0.0.4");
      assertThat(metrics.bodyAsString())
          .contains("# TYPE vertx_http_server_requests_total counter")
          .contains("# TYPE atrium_usage_ledger_backlog_events gauge");
      String tenantId =
          api.get("/api/me", owner).bodyAsJsonObject().getJsonObject("tenant").getString("id");
      assertThat(metrics.bodyAsString())
          .doesNotContain("Bearer")
          .doesNotContain(tenantId)
          .doesNotContain("tenant=");
    }
  }

  @Test
  void aManagementPortServesMetricsAndTheApiPortDoesNot(Vertx vertx) {
    try (TestServer server =
        TestServer.start(Map.of("metrics.access", "management", "metrics.port", "0"))) {
      ApiClient api = new ApiClient(vertx, server.port());
      assertProblem(api.get("/metrics", operator(api)), 404, "route_not_found");
      assertThat(server.server.metricsPort()).isPositive().isNotEqualTo(server.port());
      ApiClient management = new ApiClient(vertx, server.server.metricsPort());
      HttpResponse<Buffer> metrics = management.get("/metrics", null);
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.getHeader("Content-Type")).startsWith("text/plain; version=0.0.4");
      assertThat(metrics.bodyAsString()).contains("# TYPE vertx_http_server_requests_total");
      // Nothing but metrics on the management port.
      assertProblem(management.get("/health/live", null), 404, "route_not_found");
      assertProblem(management.get("/api/admin/tenants", null), 404, "route_not_found");
    }
  }

  private static String operator(ApiClient api) {
    return api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
  }

  @Test
  void shutdownLetsInFlightRequestsFinish(Vertx vertx) throws Exception {
    TestServer server = TestServer.start(Map.of("metrics.access", "public"));
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
