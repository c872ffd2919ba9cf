package dev.atrium.plugins.content;

import static dev.atrium.plugins.content.ContentPlugin.guarded;

import dev.atrium.plugin.api.JsonSchema;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.api.PluginRoutes;
import dev.atrium.plugin.api.RouteDoc;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code /templates} (the library and the tenant's own) and {@code /voice} (the brand voice). */
final class TemplateRoutes {
  private final PluginContext context;
  private final TemplateLibrary library;

  TemplateRoutes(PluginContext context, TemplateLibrary library) {
    this.context = context;
    this.library = library;
  }

  void declare(PluginRoutes routes) {
    routes.get(
        "/templates",
        RouteDoc.of("The built-in templates (English and Chinese) and the tenant's own")
            .query(
                "language", false, JsonSchema.oneOf("en", "zh"), "Only templates in this language")
            .responds(200, "The templates", ContentSchemas.TEMPLATES)
            .responds(400, "An unknown language"),
        guarded(this::list));
    routes.get(
        "/templates/{id}",
        RouteDoc.of("One template")
            .responds(200, "The template", ContentSchemas.TEMPLATE)
            .responds(404, "No such template"),
        guarded(this::get));
    routes.post(
        "/templates",
        RouteDoc.of("Create a template: prompt with {{variables}}, typed variables, output shape")
            .body(ContentSchemas.TEMPLATE_DEFINITION)
            .responds(201, "Created", ContentSchemas.TEMPLATE)
            .responds(400, "Malformed definition (the field is named)"),
        guarded(this::create));
    routes.put(
        "/templates/{id}",
        RouteDoc.of("Replace one of the tenant's templates")
            .body(ContentSchemas.TEMPLATE_DEFINITION)
            .responds(200, "The template as replaced", ContentSchemas.TEMPLATE)
            .responds(400, "Malformed definition (the field is named)")
            .responds(404, "No such template")
            .responds(409, "Built-in templates are read-only"),
        guarded(this::replace));
    routes.delete(
        "/templates/{id}",
        RouteDoc.of("Delete one of the tenant's templates")
            .responds(204, "Deleted")
            .responds(404, "No such template")
            .responds(409, "Built-in templates are read-only"),
        guarded(this::delete));
    routes.get(
        "/voice",
        RouteDoc.of("The tenant's brand voice").responds(200, "The voice", ContentSchemas.VOICE),
        guarded(this::voice));
    routes.put(
        "/voice",
        RouteDoc.of(
                "Replace the brand voice: styleNotes, glossary, bannedWords, allowedWords, readingLevel, length")
            .body(ContentSchemas.VOICE_DEFINITION)
            .responds(200, "The voice as saved", ContentSchemas.VOICE)
            .responds(400, "A malformed field (named)"),
        guarded(this::putVoice));
  }

  private Templates templates(PluginRequest request) {
    return new Templates(context.tenant(request.tenantId()).documents(), library);
  }

  private Future<PluginResponse> list(PluginRequest request) {
    String language = request.queryParam("language").orElse(null);
    if (language != null && !language.equals("en") && !language.equals("zh")) {
      throw new ContentProblem(400, "invalid_query", "language must be en or zh.");
    }
    JsonArray data = new JsonArray();
    templates(request).all().stream()
        .filter(t -> language == null || t.language().equals(language))
        .forEach(t -> data.add(t.toJson()));
    return Future.succeededFuture(PluginResponse.json(new JsonObject().put("data", data)));
  }

  private Future<PluginResponse> get(PluginRequest request) {
    return Future.succeededFuture(
        PluginResponse.json(templates(request).get(request.pathParam("id")).toJson()));
  }

  private Future<PluginResponse> create(PluginRequest request) {
    JsonObject body = JsonFields.of(request, Template.FIELDS).raw();
    return Future.succeededFuture(
        PluginResponse.json(201, templates(request).create(body).toJson()));
  }

  private Future<PluginResponse> replace(PluginRequest request) {
    JsonObject body = JsonFields.of(request, Template.FIELDS).raw();
    return Future.succeededFuture(
        PluginResponse.json(templates(request).replace(request.pathParam("id"), body).toJson()));
  }

  private Future<PluginResponse> delete(PluginRequest request) {
    templates(request).delete(request.pathParam("id"));
    return Future.succeededFuture(PluginResponse.noContent());
  }

  private Future<PluginResponse> voice(PluginRequest request) {
    return Future.succeededFuture(
        PluginResponse.json(
            BrandVoice.load(context.tenant(request.tenantId()).documents()).toJson()));
  }

  private Future<PluginResponse> putVoice(PluginRequest request) {
    BrandVoice voice = BrandVoice.read(JsonFields.of(request, BrandVoice.FIELDS).raw());
    voice.save(context.tenant(request.tenantId()).documents());
    return Future.succeededFuture(PluginResponse.json(voice.toJson()));
  }
}
