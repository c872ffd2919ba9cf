package dev.atrium.plugins.content;

import static dev.atrium.plugins.content.ContentPlugin.guarded;

import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.api.PluginRoutes;
import dev.atrium.plugin.api.RouteDoc;
import dev.atrium.plugin.api.safety.PiiEntity;
import dev.atrium.plugin.api.safety.PiiType;
import dev.atrium.plugin.api.safety.Redaction;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code /generate}, {@code /rewrite} and {@code /redact}. */
final class GenerationRoutes {
  private static final Set<String> GENERATE =
      Set.of(
          "templateId",
          "variables",
          "brief",
          "language",
          "title",
          "n",
          "stream",
          "seed",
          "maxTokens");
  private static final Set<String> REWRITE =
      Set.of(
          "text",
          "mode",
          "tone",
          "maxWords",
          "goal",
          "language",
          "n",
          "stream",
          "seed",
          "maxTokens");
  private static final int MAX_REDACT = 100_000;

  private final PluginContext context;
  private final TemplateLibrary library;

  GenerationRoutes(PluginContext context, TemplateLibrary library) {
    this.context = context;
    this.library = library;
  }

  void declare(PluginRoutes routes) {
    routes.post(
        "/generate",
        writing(
                "Write n variants from a template and its variables, or from a free brief, in the brand voice;"
                    + " stream: true answers server-sent events",
                ContentSchemas.GENERATE)
            .responds(400, "Unknown field, missing or mistyped variable (named)")
            .responds(404, "Unknown template"),
        guarded(this::generate));
    routes.post(
        "/rewrite",
        writing(
                "Rewrite, shorten or change the tone of a text (mode: rewrite|shorten|change_tone)",
                ContentSchemas.REWRITE)
            .responds(400, "Unknown field, unknown mode or a missing text"),
        guarded(this::rewrite));
    routes.post(
        "/redact",
        RouteDoc.of(
                "Personal data in a text replaced by placeholders, with each entity's type and offsets")
            .body(ContentSchemas.REDACT)
            .responds(200, "The redacted text and what was replaced", ContentSchemas.REDACTED)
            .responds(400, "A missing text or an unknown type"),
        guarded(this::redact));
  }

  /** A route that writes variants: its request, then the variants as JSON or as events. */
  private static RouteDoc writing(String summary, JsonObject request) {
    return RouteDoc.of(summary)
        .body(request)
        .responds(200, "The variants, each stored as a draft", ContentSchemas.GENERATED)
        .responds(
            200,
            "With stream: true, server-sent events (token, retry, result) ending with [DONE]",
            "text/event-stream",
            ContentSchemas.GENERATION_EVENTS);
  }

  private Future<PluginResponse> generate(PluginRequest request) {
    JsonFields body = JsonFields.of(request, GENERATE);
    Studio studio = studio(request);
    JsonObject origin = new JsonObject().put("kind", "generate");
    String title = body.text("title", 200, null);
    Studio.Brief brief;
    if (body.has("templateId") == body.has("brief")) {
      throw new ContentProblem(
          400,
          "template_or_brief",
          "Give either templateId (with variables) or brief, not both or neither.");
    }
    if (body.has("templateId")) {
      Template template =
          new Templates(context.tenant(request.tenantId()).documents(), library)
              .get(body.text("templateId", 100));
      brief =
          studio.fromTemplate(
              template, VariableValues.fromJson(template, body.object("variables")), title, origin);
    } else {
      if (body.has("variables")) {
        throw ContentProblem.badField("variables", "is only for a template");
      }
      brief = studio.fromText(body.text("brief", Studio.MAX_BRIEF), language(body), title, origin);
    }
    return run(request, studio, brief, body);
  }

  private Future<PluginResponse> rewrite(PluginRequest request) {
    JsonFields body = JsonFields.of(request, REWRITE);
    String text = body.text("text", Variable.MAX_TEXT);
    String language = language(body);
    if (language == null) {
      language = dev.atrium.plugin.api.inference.TextLanguage.isChinese(text) ? "zh" : "en";
    }
    String mode = body.text("mode", 20, "rewrite");
    JsonObject values = new JsonObject().put("text", text);
    String templateId =
        switch (mode) {
          case "rewrite" -> {
            if (body.has("goal")) {
              values.put("goal", body.text("goal", 300));
            }
            yield "rewrite-" + language;
          }
          case "shorten" -> {
            values.put("maxWords", body.integer("maxWords", 5, 2000, Math.max(5, words(text) / 2)));
            yield "shorten-" + language;
          }
          case "change_tone" -> {
            values.put("tone", body.text("tone", 20));
            yield "change-tone-" + language;
          }
          default ->
              throw ContentProblem.badField("mode", "must be rewrite, shorten or change_tone");
        };
    Template template = library.find(templateId).orElseThrow();
    Studio studio = studio(request);
    Studio.Brief brief =
        studio.fromTemplate(
            template,
            VariableValues.fromJson(template, values),
            null,
            new JsonObject().put("kind", "rewrite").put("mode", mode));
    return run(request, studio, brief, body);
  }

  private Future<PluginResponse> redact(PluginRequest request) {
    JsonFields body = JsonFields.of(request, Set.of("text", "types"));
    String text = body.text("text", MAX_REDACT);
    Set<PiiType> types = EnumSet.noneOf(PiiType.class);
    for (String name : body.texts("types", PiiType.values().length, 30)) {
      try {
        types.add(PiiType.valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw ContentProblem.badField(
            "types",
            "holds '"
                + name
                + "'; the types are "
                + List.of(PiiType.values()).stream()
                    .map(t -> t.name().toLowerCase(Locale.ROOT))
                    .toList());
      }
    }
    if (types.isEmpty()) {
      types = EnumSet.allOf(PiiType.class);
    }
    Redaction redaction = new Moderation(context).safety().redact(text, types);
    JsonArray entities = new JsonArray();
    for (PiiEntity e : redaction.entities()) {
      entities.add(
          new JsonObject()
              .put("type", e.type().name().toLowerCase(Locale.ROOT))
              .put("start", e.start())
              .put("end", e.end())
              .put("text", e.text())
              .put("placeholder", e.type().placeholder()));
    }
    return Future.succeededFuture(
        PluginResponse.json(
            new JsonObject()
                .put("mode", "rules")
                .put("text", redaction.text())
                .put("entities", entities)));
  }

  private Future<PluginResponse> run(
      PluginRequest request, Studio studio, Studio.Brief brief, JsonFields body) {
    int n = body.integer("n", 1, Studio.MAX_VARIANTS, 1);
    Long seed = body.has("seed") ? (long) body.integer("seed", 0, Integer.MAX_VALUE, 0) : null;
    Integer maxTokens = body.has("maxTokens") ? body.integer("maxTokens", 1, 2048, 0) : null;
    if (!body.flag("stream", false)) {
      return Future.succeededFuture(
          PluginResponse.json(Await.result(studio.generate(brief, n, seed, maxTokens, null))));
    }
    StreamedEvents events = new StreamedEvents(request.events());
    JsonObject result = Await.result(studio.generate(brief, n, seed, maxTokens, events));
    return Future.succeededFuture(events.end(result.put("type", "result")));
  }

  private Studio studio(PluginRequest request) {
    return Studio.of(context, request);
  }

  private static String language(JsonFields body) {
    String language = body.text("language", 2, null);
    if (language != null && !language.equals("en") && !language.equals("zh")) {
      throw ContentProblem.badField("language", "must be en or zh");
    }
    return language;
  }

  private static int words(String text) {
    return Math.max(1, text.strip().split("\\s+").length);
  }
}
