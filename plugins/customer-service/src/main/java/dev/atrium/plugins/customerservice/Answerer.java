package dev.atrium.plugins.customerservice;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.KnowledgeBase;
import dev.atrium.plugin.api.KnowledgeHit;
import dev.atrium.plugin.api.inference.InferenceException;
import dev.atrium.plugin.api.inference.ModelCatalog;
import dev.atrium.plugin.api.inference.Task;
import dev.atrium.plugin.api.inference.TextLanguage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Answers a customer's question from the tenant's knowledge base: the matching FAQ answer when a
 * paraphrase of an FAQ question is asked, otherwise an answer from the best passages. That answer
 * is extracted (the best passage's most relevant sentences) unless the tenant picked a generation
 * model: then it is written by the model from the cited passages and kept only when they support it
 * ({@link GenerativeAnswerer}); otherwise the extracted answer is given with mode {@code
 * extractive_fallback} and the reason. Below the tenant's confidence threshold, or when the
 * question's intent demands it, the answer hands off to a human instead of guessing.
 */
final class Answerer {
  /** An FAQ match must beat the best passage by this much to be answered as the FAQ. */
  private static final float FAQ_MARGIN = 0.02f;

  private static final int SEARCH_DEPTH = 8;
  private static final int ANSWER_SENTENCES = 2;

  private final KnowledgeBase knowledge;
  private final Intents intents;
  private final SentenceScorer scorer;
  private final GenerativeAnswerer writer;
  private final ModelCatalog models;
  private final CsSettings settings;
  private final Logger logger;

  Answerer(
      KnowledgeBase knowledge,
      Intents intents,
      SentenceScorer scorer,
      GenerativeAnswerer writer,
      ModelCatalog models,
      CsSettings settings,
      Logger logger) {
    this.knowledge = requireNonNull(knowledge, "knowledge is null");
    this.intents = requireNonNull(intents, "intents is null");
    this.scorer = requireNonNull(scorer, "scorer is null");
    this.writer = requireNonNull(writer, "writer is null");
    this.models = requireNonNull(models, "models is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.logger = requireNonNull(logger, "logger is null");
  }

  /**
   * The answer (without conversation bookkeeping) to {@code question}; {@code stream} hears of the
   * passages found and of a generated draft's tokens as they come.
   */
  Future<JsonObject> answer(String question, String searchText, int topK, AnswerStream stream) {
    Future<List<KnowledgeHit>> hits = knowledge.search(searchText, Math.max(topK, SEARCH_DEPTH));
    Future<Optional<Intents.Match>> intent = intents.classify(question);
    return Future.all(hits, intent)
        .compose(all -> compose(question, hits.result(), intent.result(), topK, stream));
  }

  private Future<JsonObject> compose(
      String question,
      List<KnowledgeHit> hits,
      Optional<Intents.Match> intent,
      int topK,
      AnswerStream stream) {
    boolean chinese = TextLanguage.isChinese(question);
    Optional<KnowledgeHit> best = hits.stream().findFirst();
    double confidence = best.map(h -> (double) Math.max(0, h.score())).orElse(0.0);
    List<KnowledgeHit> cited = hits.stream().limit(topK).toList();
    JsonArray citations = new JsonArray();
    cited.forEach(h -> citations.add(Json.citation(h)));
    JsonObject answer =
        new JsonObject()
            .put("confidence", Json.round(confidence))
            .put("citations", citations)
            .put("intent", intent.map(Intents.Match::name).orElse(null));
    stream.retrieved(answer);
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
    KnowledgeHit passage = bestPassage.orElse(top);
    Optional<String> model = settings.generation();
    if (model.isEmpty()) {
      return extract(answer, "extractive", question, passage);
    }
    if (models.model(model.get()).filter(m -> m.task() == Task.GENERATION).isEmpty()) {
      return fallBack(answer, "model_not_served", question, passage);
    }
    return writer
        .write(model.get(), settings.generationMaxTokens(), question, cited, stream)
        .transform(
            written -> {
              if (written.failed()) {
                if (!(written.cause() instanceof InferenceException)) {
                  return Future.failedFuture(written.cause());
                }
                logger.warn("generating an answer failed, extracting it: {}", written.cause());
                return fallBack(answer, "generation_failed", question, passage);
              }
              GenerativeAnswerer.Draft draft = written.result();
              double[] support = draft.verdict().passageScores();
              for (int i = 0; i < support.length; i++) {
                citations.getJsonObject(i).put("support", Json.round(support[i]));
              }
              answer.put("generation", draft.report(settings.supportThreshold()));
              Optional<String> refusal = draft.refusal(settings.supportThreshold());
              if (refusal.isPresent()) {
                return fallBack(answer, refusal.get(), question, passage);
              }
              return Future.succeededFuture(
                  answer
                      .put("answer", draft.text())
                      .put("mode", "generative")
                      .put("handoff", false));
            });
  }

  private Future<JsonObject> fallBack(
      JsonObject answer, String reason, String question, KnowledgeHit passage) {
    return extract(answer.put("fallbackReason", reason), "extractive_fallback", question, passage);
  }

  private Future<JsonObject> extract(
      JsonObject answer, String mode, String question, KnowledgeHit passage) {
    List<String> sentences = PassageExtractor.sentences(passage.text());
    return scorer
        .similarities(question, sentences)
        .map(
            scores ->
                answer
                    .put("answer", PassageExtractor.pick(sentences, scores, ANSWER_SENTENCES))
                    .put("mode", mode)
                    .put("handoff", false));
  }
}
