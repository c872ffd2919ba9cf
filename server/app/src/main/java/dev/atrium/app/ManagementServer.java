package dev.atrium.app;

import dev.atrium.app.operations.HealthApi;
import dev.atrium.app.operations.MetricsAccess;
import dev.atrium.http.ProblemHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * The management listener of {@code metrics.access=management}: {@code GET /metrics} on its own
 * host and port, for a scraper inside the cluster, and nothing else (every other path is a 404
 * problem). The API port then has no {@code /metrics}.
 */
final class ManagementServer {
  private ManagementServer() {}

  static Future<HttpServer> start(
      Vertx vertx, MetricsAccess access, PrometheusMeterRegistry registry) {
    Router router = Router.router(vertx);
    ProblemHandler problems = new ProblemHandler();
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", HealthApi.PROMETHEUS_TEXT)
                    .end(registry.scrape()));
    router.route().failureHandler(problems);
    router.errorHandler(404, problems);
    router.errorHandler(405, problems);
    return vertx.createHttpServer().requestHandler(router).listen(access.port(), access.host());
  }
}
