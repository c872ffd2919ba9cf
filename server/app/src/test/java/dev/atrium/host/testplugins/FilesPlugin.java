package dev.atrium.host.testplugins;

import dev.atrium.plugin.api.AtriumPlugin;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.api.PluginRoutes;
import dev.atrium.plugin.api.RouteDoc;
import io.vertx.core.json.JsonObject;

/** A plugin the host tests load from an archive: it stores and reads files in its blob store. */
public final class FilesPlugin implements AtriumPlugin {
  private final PluginContext context;

  public FilesPlugin(PluginContext context) {
    this.context = context;
  }

  @Override
  public void routes(PluginRoutes routes) {
    routes.put(
        "/files/{name}",
        RouteDoc.of("Store a file"),
        request ->
            context
                .tenant(request.tenantId())
                .blobs()
                .put(request.pathParam("name"), request.body(), "text/plain")
                .map(info -> PluginResponse.json(new JsonObject().put("size", info.size()))));
    routes.get(
        "/files/{name}",
        RouteDoc.of("Read a file"),
        request ->
            context
                .tenant(request.tenantId())
                .blobs()
                .get(request.pathParam("name"))
                .map(
                    b ->
                        b.map(found -> PluginResponse.bytes(found.content(), "text/plain"))
                            .orElse(PluginResponse.problem(404, "not_found", "no such file"))));
  }
}
