package dev.atrium.plugins.content;

import static dev.atrium.plugins.content.ContentPlugin.guarded;

import dev.atrium.plugin.api.JsonSchema;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.api.PluginRoutes;
import dev.atrium.plugin.api.RouteDoc;
import dev.atrium.plugin.api.VectorMatch;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** Model-free tools: extractive summary, keywords, readability, near-duplicates. */
final class ToolRoutes {
  static final int MAX_TEXT = 100_000;

  private final PluginContext context;

  ToolRoutes(PluginContext context) {
    this.context = context;
  }

  void declare(PluginRoutes routes) {
    routes.post(
        "/summarize",
        RouteDoc.of("Extractive summary: the most central sentences (embeddings), in order")
            .body(text("sentences", bounded(1, 20)))
            .responds(
                200,
                "The summary",
                JsonSchema.object(
                    "mode", JsonSchema.oneOf("extractive_centrality"),
                    "summary", JsonSchema.string(),
                    "sentences",
                        JsonSchema.arrayOf(
                            JsonSchema.object(
                                "index", JsonSchema.integer(),
                                "text", JsonSchema.string(),
                                "score", JsonSchema.number())),
                    "sentencesInText", JsonSchema.integer())),
        guarded(this::summarize));
    JsonObject ranked =
        JsonSchema.arrayOf(
            JsonSchema.object("term", JsonSchema.string(), "score", JsonSchema.number()));
    routes.post(
        "/keywords",
        RouteDoc.of("Keywords and key phrases")
            .body(text("top", bounded(1, 50)))
            .responds(
                200,
                "The keywords and phrases, best first",
                JsonSchema.object(
                    "mode",
                    JsonSchema.oneOf("statistical"),
                    "language",
                    JsonSchema.oneOf("en", "zh"),
                    "keywords",
                    ranked,
                    "keyPhrases",
                    ranked)),
        guarded(this::keywords));
    routes.post(
        "/stats",
        RouteDoc.of("Length and readability statistics, English and Chinese")
            .body(text(null, null))
            .responds(
                200,
                "The statistics: hanCharacters and charactersPerSentence for Chinese, words,"
                    + " syllables and Flesch scores for English",
                JsonSchema.optional(
                    JsonSchema.object(
                        "mode", JsonSchema.oneOf("statistical"),
                        "language", JsonSchema.oneOf("en", "zh"),
                        "characters", JsonSchema.integer(),
                        "sentences", JsonSchema.integer(),
                        "level", JsonSchema.oneOf("simple", "standard", "advanced"),
                        "hanCharacters", JsonSchema.integer(),
                        "charactersPerSentence", JsonSchema.number(),
                        "words", JsonSchema.integer(),
                        "syllables", JsonSchema.integer(),
                        "wordsPerSentence", JsonSchema.number(),
                        "fleschReadingEase", JsonSchema.number(),
                        "gradeLevel", JsonSchema.number()),
                    "hanCharacters",
                    "charactersPerSentence",
                    "words",
                    "syllables",
                    "wordsPerSentence",
                    "fleschReadingEase",
                    "gradeLevel")),
        guarded(this::stats));
    routes.post(
        "/duplicates",
        RouteDoc.of("The tenant's earlier drafts nearly the same as a text")
            .body(
                text(
                    "threshold",
                    new JsonObject().put("type", "number").put("minimum", 0).put("maximum", 1)))
            .responds(
                200,
                "The drafts at least threshold alike (cosine)",
                JsonSchema.object(
                    "mode", JsonSchema.oneOf("embedding_similarity"),
                    "threshold", JsonSchema.number(),
                    "duplicate", JsonSchema.bool(),
                    "matches",
                        JsonSchema.arrayOf(
                            JsonSchema.object(
                                "draftId", JsonSchema.string(),
                                "title", JsonSchema.nullable(JsonSchema.string()),
                                "state", JsonSchema.string(),
                                "similarity", JsonSchema.number())))),
        guarded(this::duplicates));
  }

  /** A request of a {@code text} and, unless {@code option} is null, one optional field. */
  private static JsonObject text(String option, JsonObject optionSchema) {
    JsonObject properties =
        new JsonObject()
            .put(
                "text",
                new JsonObject()
                    .put("type", "string")
                    .put("minLength", 1)
                    .put("maxLength", MAX_TEXT));
    if (option != null) {
      properties.put(option, optionSchema);
    }
    return new JsonObject()
        .put("type", "object")
        .put("required", new JsonArray().add("text"))
        .put("properties", properties)
        .put("additionalProperties", false);
  }

  private static JsonObject bounded(int min, int max) {
    return new JsonObject().put("type", "integer").put("minimum", min).put("maximum", max);
  }

  private Future<PluginResponse> summarize(PluginRequest request) {
    JsonFields body = JsonFields.of(request, Set.of("text", "sentences"));
    String text = body.text("text", MAX_TEXT);
    int count = body.integer("sentences", 1, 20, 3);
    return Future.succeededFuture(
        PluginResponse.json(
            Await.result(
                new Summarizer(context.inference(), request.tenantId()).summarize(text, count))));
  }

  private Future<PluginResponse> keywords(PluginRequest request) {
    JsonFields body = JsonFields.of(request, Set.of("text", "top"));
    return Future.succeededFuture(
        PluginResponse.json(
            Keywords.of(body.text("text", MAX_TEXT), body.integer("top", 1, 50, 10))));
  }

  private Future<PluginResponse> stats(PluginRequest request) {
    JsonFields body = JsonFields.of(request, Set.of("text"));
    return Future.succeededFuture(PluginResponse.json(Readability.of(body.text("text", MAX_TEXT))));
  }

  private Future<PluginResponse> duplicates(PluginRequest request) {
    JsonFields body = JsonFields.of(request, Set.of("text", "threshold"));
    String text = body.text("text", MAX_TEXT);
    double threshold =
        body.has("threshold")
            ? threshold(body.raw().getValue("threshold"))
            : ContentSettings.from(Await.result(context.tenant(request.tenantId()).settings()))
                .duplicateThreshold();
    Drafts drafts = new Drafts(context.tenant(request.tenantId()).documents());
    JsonArray matches = new JsonArray();
    for (VectorMatch m :
        Await.result(
            new DraftIndex(
                    context.tenant(request.tenantId()),
                    context.inference(),
                    TokenMeters.BILLED_BY_HOST)
                .nearest(text, 10))) {
      double cosine = 2 * m.score() - 1;
      if (cosine >= threshold) {
        JsonObject draft = Drafts.summary(drafts.get(m.id()));
        matches.add(
            new JsonObject()
                .put("draftId", m.id())
                .put("title", draft.getString("title"))
                .put("state", draft.getString("state"))
                .put("similarity", Math.round(cosine * 1000) / 1000.0));
      }
    }
    return Future.succeededFuture(
        PluginResponse.json(
            new JsonObject()
                .put("mode", "embedding_similarity")
                .put("threshold", threshold)
                .put("duplicate", !matches.isEmpty())
                .put("matches", matches)));
  }

  private static double threshold(Object value) {
    if (!(value instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
      throw ContentProblem.badField("threshold", "must be a number from 0 to 1");
    }
    return n.doubleValue();
  }
}
