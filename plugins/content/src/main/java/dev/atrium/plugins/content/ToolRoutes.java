package dev.atrium.plugins.content;

import static dev.atrium.plugins.content.ContentPlugin.guarded;

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
        RouteDoc.of(
            "Extractive summary: the most central sentences (embeddings), in order (text, sentences?)"),
        guarded(this::summarize));
    routes.post(
        "/keywords", RouteDoc.of("Keywords and key phrases (text, top?)"), guarded(this::keywords));
    routes.post(
        "/stats",
        RouteDoc.of("Length and readability statistics, English and Chinese (text)"),
        guarded(this::stats));
    routes.post(
        "/duplicates",
        RouteDoc.of("The tenant's earlier drafts nearly the same as a text (text, threshold?)"),
        guarded(this::duplicates));
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
