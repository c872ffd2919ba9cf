package dev.atrium.plugins.content;

import static dev.atrium.plugins.content.ContentPlugin.guarded;

import dev.atrium.plugin.api.JsonSchema;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.api.PluginRoutes;
import dev.atrium.plugin.api.RouteDoc;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** {@code /batches}: CSV upload, progress, cancel, results as JSON or CSV. */
final class BatchRoutes {
  private final PluginContext context;
  private final TemplateLibrary library;

  BatchRoutes(PluginContext context, TemplateLibrary library) {
    this.context = context;
    this.library = library;
  }

  void declare(PluginRoutes routes) {
    routes.post(
        "/batches",
        RouteDoc.of(
                "Upload a UTF-8 CSV (raw body, one row per item, columns named as the variables)")
            .rawBody("text/csv", "text/plain", "application/octet-stream")
            .query("templateId", true, JsonSchema.string(), "The template every row fills in")
            .responds(202, "Accepted: the batch and its job", ContentSchemas.BATCH)
            .responds(400, "Not UTF-8, empty, or columns that do not fit the template")
            .responds(404, "Unknown template")
            .responds(413, "Too large or too many rows"),
        guarded(this::upload));
    routes.get(
        "/batches",
        RouteDoc.of("The tenant's batches with progress")
            .responds(200, "The batches", ContentSchemas.BATCHES),
        guarded(this::list));
    routes.get(
        "/batches/{id}",
        RouteDoc.of("One batch: state, progress and row counts")
            .responds(200, "The batch", ContentSchemas.BATCH)
            .responds(404, "No such batch"),
        guarded(this::get));
    routes.get(
        "/batches/{id}/results",
        RouteDoc.of("Per-row status, errors and texts, as JSON or CSV")
            .query("format", false, JsonSchema.oneOf("json", "csv"), "json (default) or csv")
            .responds(200, "The batch and its rows", ContentSchemas.BATCH_RESULTS)
            .responds(
                200,
                "With format=csv: the rows as a CSV file",
                "text/csv",
                ContentSchemas.BATCH_RESULTS_CSV)
            .responds(404, "No such batch"),
        guarded(this::results));
    routes.post(
        "/batches/{id}/cancel",
        RouteDoc.of("Stop a running batch; finished rows are kept")
            .responds(
                202,
                "Cancelling (cancelled: false when it had already ended)",
                ContentSchemas.CANCELLED)
            .responds(404, "No such batch"),
        guarded(this::cancel));
  }

  private Batches batches(PluginRequest request) {
    return new Batches(context, request.tenantId());
  }

  private Future<PluginResponse> upload(PluginRequest request) {
    String templateId =
        request
            .queryParam("templateId")
            .orElseThrow(
                () ->
                    new ContentProblem(
                        400, "missing_template", "Name the template with ?templateId=."));
    Template template =
        new Templates(context.tenant(request.tenantId()).documents(), library).get(templateId);
    return Future.succeededFuture(
        PluginResponse.json(
            202, batches(request).start(template, request.body(), ContentPlugin.who(request))));
  }

  private Future<PluginResponse> list(PluginRequest request) {
    return Future.succeededFuture(
        PluginResponse.json(
            new JsonObject().put("data", new JsonArray(List.copyOf(batches(request).list())))));
  }

  private Future<PluginResponse> get(PluginRequest request) {
    return Future.succeededFuture(
        PluginResponse.json(batches(request).get(request.pathParam("id"))));
  }

  private Future<PluginResponse> results(PluginRequest request) {
    String format = request.queryParam("format").orElse("json");
    String id = request.pathParam("id");
    return Future.succeededFuture(
        switch (format) {
          case "json" -> PluginResponse.json(batches(request).resultsJson(id));
          case "csv" ->
              PluginResponse.bytes(
                      Buffer.buffer(batches(request).resultsCsv(id)), "text/csv; charset=utf-8")
                  .withHeader("Content-Disposition", "attachment; filename=\"" + id + ".csv\"");
          default -> throw new ContentProblem(400, "invalid_query", "format must be json or csv.");
        });
  }

  private Future<PluginResponse> cancel(PluginRequest request) {
    boolean running = batches(request).cancel(request.pathParam("id"));
    return Future.succeededFuture(
        PluginResponse.json(202, new JsonObject().put("cancelled", running)));
  }
}
