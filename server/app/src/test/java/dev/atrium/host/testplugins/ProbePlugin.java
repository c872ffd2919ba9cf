package dev.atrium.host.testplugins;

import dev.atrium.plugin.api.AtriumPlugin;
import dev.atrium.plugin.api.MeterDefinition;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.api.PluginRoutes;
import dev.atrium.plugin.api.RequestServices;
import dev.atrium.plugin.api.RouteDoc;
import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.EmbeddingResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * A plugin the host tests load from an archive: it answers, throws, blocks, stores documents,
 * embeds and reports which host classes it can see.
 */
public final class ProbePlugin implements AtriumPlugin {
  private final PluginContext context;

  public ProbePlugin(PluginContext context) {
    this.context = context;
  }

  @Override
  public void routes(PluginRoutes routes) {
    routes.get(
        "/hello",
        RouteDoc.of("Who answers"),
        request ->
            context
                .tenant(request.tenantId())
                .settings()
                .map(
                    settings ->
                        PluginResponse.json(
                            new JsonObject()
                                .put("version", context.pluginVersion())
                                .put("tenantId", request.tenantId())
                                .put("greeting", settings.getString("greeting", "hello")))));
    routes.get(
        "/throw",
        RouteDoc.of("Always fails"),
        request -> {
          throw new IllegalStateException("probe failure");
        });
    routes.get(
        "/block",
        RouteDoc.of("Never answers in time"),
        request -> {
          Thread.sleep(60_000);
          return Future.succeededFuture(PluginResponse.text("late"));
        });
    routes.get(
        "/slow",
        RouteDoc.of("Answers after 200 ms"),
        request -> {
          Thread.sleep(200);
          return Future.succeededFuture(
              PluginResponse.json(new JsonObject().put("version", context.pluginVersion())));
        });
    routes.post(
        "/embed",
        RouteDoc.of("Embeds as a vertical does, and records a call")
            .body(new JsonObject().put("type", "object")),
        this::embed);
    routes.post(
        "/count",
        RouteDoc.of("Counts a call, answering before its usage record is done")
            .body(new JsonObject().put("type", "object")),
        request -> {
          request.bodyAsJson(); // a malformed body is refused, as on every JSON route
          // As a plugin metering behind its answer does: the record's future is not awaited.
          context.usage().record(request.tenantId(), "probe_counts", 1, "count");
          return Future.succeededFuture(PluginResponse.json(new JsonObject().put("counted", 1)));
        });
    routes.post(
        "/jobs",
        RouteDoc.of("Starts a job that runs until it is cancelled, and logs its end")
            .body(new JsonObject().put("type", "object")),
        request -> {
          request.bodyAsJson(); // a malformed body is refused, as on every JSON route
          String tenantId = request.tenantId();
          var status =
              context
                  .scheduler()
                  .submit(
                      tenantId,
                      "wait",
                      progress -> {
                        try {
                          while (!progress.cancelled()) {
                            Thread.sleep(50);
                          }
                        } catch (InterruptedException e) {
                          // cancelled while asleep
                        }
                        context.logger().info("probe: job of tenant {} cancelled", tenantId);
                      });
          return Future.succeededFuture(
              PluginResponse.json(new JsonObject().put("id", status.id())));
        });
    routes.get(
        "/host-classes", RouteDoc.of("Which host classes are visible"), request -> visible());
    routes.put(
        "/notes/{id}",
        RouteDoc.of("Store a note").body(new JsonObject().put("type", "object")),
        request ->
            context
                .tenant(request.tenantId())
                .documents()
                .put("notes", request.pathParam("id"), request.bodyAsJson())
                .map(d -> PluginResponse.json(d.data())));
    routes.get(
        "/notes/{id}",
        RouteDoc.of("Read a note"),
        request ->
            context
                .tenant(request.tenantId())
                .documents()
                .get("notes", request.pathParam("id"))
                .map(
                    d ->
                        d.map(found -> PluginResponse.json(found.data()))
                            .orElse(PluginResponse.problem(404, "not_found", "no such note"))));
  }

  /**
   * Embeds the first of {@code texts} through {@link PluginContext#inference()} in the handler,
   * reads the settings, embeds all of them through the request's own services, then records a call
   * under a key that never changes (as plugins written before SDK 1.6.0 may); answers the tokens
   * each embedding reports, whether the last callback ran on a Vert.x context, and a 500 problem
   * instead when {@code fail} is true.
   */
  private Future<PluginResponse> embed(PluginRequest request) {
    JsonObject body = request.bodyAsJson();
    if (!(body.getValue("texts") instanceof JsonArray array)
        || array.isEmpty()
        || !array.stream().allMatch(String.class::isInstance)) {
      return Future.succeededFuture(
          PluginResponse.problem(400, "invalid_field", "Field 'texts' must list strings."));
    }
    List<String> texts = array.stream().map(String.class::cast).toList();
    Duration timeout = Duration.ofSeconds(30);
    RequestServices services = context.request(request);
    Future<EmbeddingResult> alone =
        context
            .inference()
            .embed(EmbeddingRequest.of(request.tenantId(), texts.subList(0, 1), timeout));
    return context
        .tenant(request.tenantId())
        .settings()
        .compose(settings -> alone)
        .compose(
            first ->
                services
                    .inference()
                    .embed(EmbeddingRequest.of(request.tenantId(), texts, timeout))
                    .compose(
                        all ->
                            context
                                .usage()
                                .record(request.tenantId(), "probe_calls", 1, "probe-call")
                                .map(
                                    v ->
                                        body.getBoolean("fail", false)
                                            ? PluginResponse.problem(
                                                500, "probe_failed", "Asked to fail.")
                                            : PluginResponse.json(
                                                new JsonObject()
                                                    .put(
                                                        "tokens",
                                                        first.usage().tokens()
                                                            + all.usage().tokens())
                                                    .put(
                                                        "onEventLoop",
                                                        Thread.currentThread()
                                                            .getName()
                                                            .startsWith("vert.x-eventloop"))))));
  }

  private Future<PluginResponse> visible() {
    JsonObject seen = new JsonObject();
    for (String name :
        List.of(
            "dev.atrium.app.Main",
            "org.jooq.DSLContext",
            "org.pf4j.Plugin",
            "com.zaxxer.hikari.HikariDataSource",
            "dev.atrium.plugin.api.AtriumPlugin",
            "io.vertx.core.json.JsonObject",
            "org.slf4j.Logger")) {
      try {
        Class.forName(name);
        seen.put(name, "visible");
      } catch (ClassNotFoundException e) {
        seen.put(name, "ClassNotFoundException");
      }
    }
    return Future.succeededFuture(PluginResponse.json(seen));
  }

  @Override
  public void tenantDeleted(String tenantId) {
    context.logger().info("probe: forgot tenant {}", tenantId);
  }

  @Override
  public JsonObject settingsSchema() {
    return new JsonObject()
        .put("type", "object")
        .put("additionalProperties", false)
        .put(
            "properties",
            new JsonObject()
                .put("greeting", new JsonObject().put("type", "string").put("maxLength", 20)));
  }

  @Override
  public List<MeterDefinition> meters() {
    return List.of(
        new MeterDefinition("probe_calls", "calls", "Calls to the probe"),
        new MeterDefinition("probe_counts", "calls", "Calls to the probe's count route"));
  }
}
