package dev.atrium.plugins.customerservice;

import dev.atrium.plugin.api.KnowledgeBase;
import dev.atrium.plugin.api.KnowledgeHit;
import dev.atrium.plugin.api.inference.TextLanguage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * Answers a customer's question from the tenant's knowledge base, extractively: the matching FAQ
 * answer when a paraphrase of an FAQ question is asked, otherwise the best passage's most relevant
 * sentences. Below the tenant's confidence threshold, or when the question's intent demands it, the
 * answer hands off to a human instead of guessing.
 */
final class Answerer {
  /** An FAQ match must beat the best passage by this much to be answered as the FAQ. */
  private static final float FAQ_MARGIN = 0.02f;

  private static final int SEARCH_DEPTH = 8;
  private static final int ANSWER_SENTENCES = 2;

  private Answerer() {}

  /** The answer (without conversation bookkeeping) to {@code question}. */
  static Future<JsonObject> answer(
      KnowledgeBase knowledge,
      Intents intents,
      SentenceScorer scorer,
      CsSettings settings,
      String question,
      String searchText,
      int topK) {
    Future<List<KnowledgeHit>> hits = knowledge.search(searchText, Math.max(topK, SEARCH_DEPTH));
    Future<Optional<Intents.Match>> intent = intents.classify(question);
    return Future.all(hits, intent)
        .compose(all -> compose(scorer, settings, question, hits.result(), intent.result(), topK));
  }

  private static Future<JsonObject> compose(
      SentenceScorer scorer,
      CsSettings settings,
      String question,
      List<KnowledgeHit> hits,
      Optional<Intents.Match> intent,
      int topK) {
    boolean chinese = TextLanguage.isChinese(question);
    Optional<KnowledgeHit> best = hits.stream().findFirst();
    double confidence = best.map(h -> (double) Math.max(0, h.score())).orElse(0.0);
    JsonArray citations = new JsonArray();
    hits.stream().limit(topK).forEach(h -> citations.add(citation(h)));
    JsonObject answer =
        new JsonObject()
            .put("confidence", Math.round(confidence * 1000) / 1000.0)
            .put("citations", citations)
            .put("intent", intent.map(Intents.Match::name).orElse(null));
    boolean forcedByIntent = intent.map(Intents.Match::handoff).orElse(false);
    if (best.isEmpty() || confidence < settings.confidenceThreshold() || forcedByIntent) {
      return Future.succeededFuture(
          answer
              .put("answer", settings.handoffMessage(chinese))
              .put("mode", "handoff")
              .put("handoff", true)
              .put(
                  "handoffReason",
                  forcedByIntent
                      ? "intent:" + intent.get().name()
                      : best.isEmpty() ? "no_knowledge" : "low_confidence"));
    }
    KnowledgeHit top = best.get();
    Optional<KnowledgeHit> bestPassage = hits.stream().filter(h -> !h.isFaq()).findFirst();
    boolean faq =
        top.isFaq() && bestPassage.map(p -> top.score() >= p.score() + FAQ_MARGIN).orElse(true);
    if (faq) {
      return Future.succeededFuture(
          answer.put("answer", top.text()).put("mode", "faq").put("handoff", false));
    }
    List<String> sentences = PassageExtractor.sentences(bestPassage.orElse(top).text());
    return scorer
        .similarities(question, sentences)
        .map(
            scores ->
                answer
                    .put("answer", PassageExtractor.pick(sentences, scores, ANSWER_SENTENCES))
                    .put("mode", "extractive")
                    .put("handoff", false));
  }

  private static JsonObject citation(KnowledgeHit hit) {
    return new JsonObject()
        .put("documentId", hit.documentId())
        .put("title", hit.title())
        .put("chunkId", hit.chunkId())
        .put("text", hit.text())
        .put("question", hit.question().orElse(null))
        .put("score", Math.round(hit.score() * 1000) / 1000.0);
  }
}
