package com.example.atrium.echo;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.AtriumPlugin;
import dev.atrium.plugin.api.DashboardPanel;
import dev.atrium.plugin.api.Document;
import dev.atrium.plugin.api.DocumentStore;
import dev.atrium.plugin.api.MeterDefinition;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.api.PluginRoutes;
import dev.atrium.plugin.api.RouteDoc;
import dev.atrium.plugin.api.StrictJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The example plugin: {@code POST /echo} answers the text with the tenant's greeting (settings) and
 * counts a meter; {@code /notes} keeps the tenant's notes in its document store. Handlers run on
 * virtual threads of the plugin's own, so they may block on {@code future.await()}.
 */
public final class EchoPlugin implements AtriumPlugin {
  static final String REQUESTS = "echo_requests";
  private static final String NOTES = "notes";
  private static final int MAX_TEXT = 1000;

  private final PluginContext context;

  /** The host (or the testkit) passes the context; keep it, it is how every service is reached. */
  public EchoPlugin(PluginContext context) {
    this.context = requireNonNull(context, "context is null");
  }

  @Override
  public void routes(PluginRoutes routes) {
    JsonObject textBody =
        new JsonObject()
            .put("type", "object")
            .put("required", new JsonArray().add("text"))
            .put(
                "properties",
                new JsonObject()
                    .put(
                        "text",
                        new JsonObject()
                            .put("type", "string")
                            .put("minLength", 1)
                            .put("maxLength", MAX_TEXT)));
    routes.post("/echo", RouteDoc.of("Echo the text with the greeting").body(textBody), this::echo);
    routes.get("/notes", RouteDoc.of("The tenant's notes, by id"), this::listNotes);
    routes.put("/notes/{id}", RouteDoc.of("Save a note").body(textBody), this::putNote);
    routes.get("/notes/{id}", RouteDoc.of("One note").responds(404, "No such note"), this::getNote);
    routes.delete(
        "/notes/{id}", RouteDoc.of("Delete a note").responds(204, "Deleted"), this::deleteNote);
    routes.get("/stats", RouteDoc.of("How many notes the tenant keeps"), this::stats);
  }

  private Future<PluginResponse> echo(PluginRequest request) {
    // bodyAsJson() reads strictly (no comments, duplicate members, invalid UTF-8 or control
    // characters); what it refuses, the host answers with 400 and a stable code.
    Optional<String> text = text(request.bodyAsJson());
    if (text.isEmpty()) {
      return Future.succeededFuture(invalidText());
    }
    JsonObject settings = context.tenant(request.tenantId()).settings().await();
    String echoed =
        settings.getBoolean("shout", false) ? text.get().toUpperCase(Locale.ROOT) : text.get();
    String key =
        Optional.ofNullable(request.headers().get("Idempotency-Key"))
            .orElseGet(() -> UUID.randomUUID().toString());
    context.usage().record(request.tenantId(), REQUESTS, 1, key).await();
    return Future.succeededFuture(
        PluginResponse.json(
            new JsonObject()
                .put("echo", echoed)
                .put("greeting", settings.getString("greeting", "Hello"))
                .put("version", context.pluginVersion())));
  }

  private Future<PluginResponse> listNotes(PluginRequest request) {
    return notes(request)
        .list(NOTES, 100)
        .map(
            docs ->
                PluginResponse.json(
                    new JsonObject()
                        .put("data", new JsonArray(docs.stream().map(EchoPlugin::note).toList()))));
  }

  private Future<PluginResponse> putNote(PluginRequest request) {
    Optional<String> text = text(request.bodyAsJson());
    if (text.isEmpty()) {
      return Future.succeededFuture(invalidText());
    }
    return notes(request)
        .put(NOTES, request.pathParam("id"), new JsonObject().put("text", text.get()))
        .map(doc -> PluginResponse.json(note(doc)));
  }

  private Future<PluginResponse> getNote(PluginRequest request) {
    return notes(request)
        .get(NOTES, request.pathParam("id"))
        .map(
            doc ->
                doc.map(d -> PluginResponse.json(note(d)))
                    .orElseGet(
                        () -> PluginResponse.problem(404, "note_not_found", "No such note.")));
  }

  private Future<PluginResponse> deleteNote(PluginRequest request) {
    String id = request.pathParam("id");
    return notes(request)
        .delete(NOTES, id)
        .map(
            existed -> {
              if (!existed) {
                return PluginResponse.problem(404, "note_not_found", "No such note.");
              }
              // The plugin's log: the operator reads it at GET /api/admin/plugins/{id}/logs.
              context.logger().info("Deleted note {}", id);
              return PluginResponse.noContent();
            });
  }

  private Future<PluginResponse> stats(PluginRequest request) {
    return notes(request)
        .list(NOTES, 1000)
        .map(
            docs ->
                PluginResponse.json(
                    new JsonObject().put("value", docs.size()).put("label", "notes")));
  }

  private DocumentStore notes(PluginRequest request) {
    return context.tenant(request.tenantId()).documents();
  }

  private static Optional<String> text(JsonObject body) {
    return Optional.ofNullable(body.getValue("text"))
        .filter(String.class::isInstance)
        .map(String.class::cast)
        .filter(t -> !StrictJson.isBlank(t) && t.length() <= MAX_TEXT);
  }

  private static PluginResponse invalidText() {
    return PluginResponse.problem(
        400, "invalid_text", "Field 'text' must be a string of 1 to " + MAX_TEXT + " characters.");
  }

  private static JsonObject note(Document doc) {
    return new JsonObject()
        .put("id", doc.id())
        .put("text", doc.data().getString("text"))
        .put("updatedAt", doc.updatedAt().toString());
  }

  @Override
  public JsonObject settingsSchema() {
    return new JsonObject()
        .put("type", "object")
        .put("additionalProperties", false)
        .put(
            "properties",
            new JsonObject()
                .put(
                    "greeting",
                    new JsonObject()
                        .put("type", "string")
                        .put("maxLength", 40)
                        .put("description", "How /echo greets"))
                .put(
                    "shout",
                    new JsonObject()
                        .put("type", "boolean")
                        .put("description", "Echo in capitals")));
  }

  @Override
  public List<MeterDefinition> meters() {
    return List.of(new MeterDefinition(REQUESTS, "requests", "Calls to POST /echo"));
  }

  @Override
  public Optional<DashboardPanel> dashboardPanel() {
    return Optional.of(
        new DashboardPanel(
            "Notes", "Notes this tenant keeps", "/stats", DashboardPanel.Kind.METRIC));
  }
}
