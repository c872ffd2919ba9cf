package dev.atrium.app.operations;

import static java.util.Objects.requireNonNull;

import dev.atrium.db.Db;
import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.OpenApiDocument;
import dev.atrium.http.Operation;
import dev.atrium.plugin.api.JsonSchema;
import dev.atrium.shared.Problem;
import dev.atrium.shared.Reply;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

/** Liveness, readiness, Prometheus metrics and the OpenAPI document. */
public final class HealthApi {
  private static final String TAG = "Operations";
  public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Db db;
  private final PrometheusMeterRegistry registry;
  private final OpenApiDocument openApi;
  private final MetricsAccess metrics;

  public HealthApi(
      Db db, PrometheusMeterRegistry registry, OpenApiDocument openApi, MetricsAccess metrics) {
    this.db = requireNonNull(db, "db is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.openApi = requireNonNull(openApi, "openApi is null");
    this.metrics = requireNonNull(metrics, "metrics is null");
  }

  public void mount(ApiRoutes routes) {
    routes.add(
        HttpMethod.GET,
        "/health/live",
        Access.open(),
        Operation.of(TAG, "The process is up")
            .responds(200, "Live", JsonSchema.object("status", JsonSchema.oneOf("live"))),
        ctx -> Future.succeededFuture(Reply.ok(new JsonObject().put("status", "live"))));
    routes.add(
        HttpMethod.GET,
        "/health/ready",
        Access.open(),
        Operation.of(TAG, "The database answers and every migration is applied")
            .responds(
                200,
                "Ready",
                JsonSchema.object(
                    "status",
                    JsonSchema.oneOf("ready"),
                    "checks",
                    JsonSchema.mapOf(JsonSchema.string())))
            .responds(503, "Not ready"),
        ctx -> ready());
    if (metrics.mode() != MetricsAccess.Mode.MANAGEMENT) {
      routes.add(
          HttpMethod.GET,
          "/metrics",
          metrics.mode() == MetricsAccess.Mode.PUBLIC ? Access.open() : Access.operator(),
          Operation.of(TAG, "Prometheus metrics (text exposition format; see metrics.access)")
              .responds(200, "The metrics", "text/plain", JsonSchema.string()),
          ctx -> Future.succeededFuture(Reply.text(registry.scrape(), PROMETHEUS_TEXT)));
    }
    routes.add(
        HttpMethod.GET,
        "/openapi.json",
        Access.open(),
        Operation.of(TAG, "This API's OpenAPI 3.1 document")
            .responds(
                200,
                "The document",
                JsonSchema.withMembers(
                    JsonSchema.object(
                        "openapi", JsonSchema.string(), "info", JsonSchema.anyObject()),
                    "paths",
                    JsonSchema.anyObject(),
                    "components",
                    JsonSchema.anyObject())),
        ctx -> Future.succeededFuture(Reply.ok(openApi.json())));
  }

  private Future<Reply> ready() {
    return db.ready()
        .recover(e -> Future.succeededFuture(false))
        .map(
            ready -> {
              if (!ready) {
                throw Problem.unavailable(
                    "not_ready", "The database is unreachable or migrations are pending.", 2);
              }
              return Reply.ok(
                  new JsonObject()
                      .put("status", "ready")
                      .put(
                          "checks",
                          new JsonObject().put("database", "up").put("migrations", "applied")));
            });
  }
}
