package dev.atrium.app.plugins.testplugins;

import dev.atrium.plugin.api.AtriumPlugin;
import dev.atrium.plugin.api.MeterDefinition;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.api.PluginRoutes;
import dev.atrium.plugin.api.RouteDoc;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A plugin the host tests load from an archive: it answers, throws, blocks, stores documents and
 * reports which host classes it can see.
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
    return List.of(new MeterDefinition("probe_calls", "calls", "Calls to the probe"));
  }
}
