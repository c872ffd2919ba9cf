package dev.atrium.plugins.tutoring;

import dev.atrium.plugin.api.KnowledgeBase;
import dev.atrium.plugin.api.KnowledgeHit;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.GenerationRequest;
import dev.atrium.plugin.api.inference.GenerationResult;
import dev.atrium.plugin.api.inference.Prompt;
import dev.atrium.plugin.api.inference.Sampling;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Help from the course material: the knowledge base's passages of the course (its own uploads only;
 * those tagged with the item's skills first for a hint), cited. With a generation model configured,
 * a hint or answer is written from the best passage and kept only when it stays close to it (cosine
 * of the two at least the support threshold); otherwise, or when it strays, the passage itself is
 * the answer.
 */
final class Help {
  static final int CITATIONS = 3;

  private final PluginContext context;
  private final TutoringStore store;
  private final KnowledgeBase knowledge;
  private final TutoringSettings settings;
  private final String tenantId;

  Help(
      PluginContext context,
      TutoringStore store,
      KnowledgeBase knowledge,
      TutoringSettings settings,
      String tenantId) {
    this.context = context;
    this.store = store;
    this.knowledge = knowledge;
    this.settings = settings;
    this.tenantId = tenantId;
  }

  Future<JsonObject> answer(String courseId, String question, Item item, Future<?> done) {
    String query = question != null ? question : item.prompt();
    Set<String> skills = item == null ? Set.of() : Set.copyOf(item.skills());
    return store
        .course(courseId)
        .compose(course -> knowledge.search(query, 20))
        .compose(hits -> ofCourse(courseId, skills, hits))
        .compose(
            hits -> {
              JsonObject answer =
                  new JsonObject()
                      .put("courseId", courseId)
                      .put("kind", item == null ? "answer" : "hint")
                      .put("citations", citations(hits));
              if (hits.isEmpty()) {
                return Future.succeededFuture(
                    answer.put("mode", "no_material").put("answer", null));
              }
              KnowledgeHit best = hits.get(0);
              Future<JsonObject> written =
                  settings
                      .generation()
                      .map(model -> write(model, query, item, best, answer, done))
                      .orElseGet(
                          () ->
                              Future.succeededFuture(
                                  answer.put("mode", "passage").put("answer", best.text())));
              return written.compose(
                  a ->
                      context
                          .usage()
                          .record(tenantId, "qa_answers", 1, "help:" + UUID.randomUUID())
                          .map(a));
            });
  }

  /** Hits from this course's materials, those of the item's skills first, at most three. */
  private Future<List<KnowledgeHit>> ofCourse(
      String courseId, Set<String> skills, List<KnowledgeHit> hits) {
    List<Future<Optional<JsonObject>>> materials = new ArrayList<>();
    for (KnowledgeHit hit : hits) {
      materials.add(store.material(hit.documentId()));
    }
    return Future.all(materials)
        .map(
            all -> {
              List<KnowledgeHit> tagged = new ArrayList<>();
              List<KnowledgeHit> other = new ArrayList<>();
              for (int i = 0; i < hits.size(); i++) {
                Optional<JsonObject> material = all.resultAt(i);
                if (material.isEmpty() || !courseId.equals(material.get().getString("courseId"))) {
                  continue;
                }
                boolean onSkill =
                    material.get().getJsonArray("skills", new JsonArray()).stream()
                        .anyMatch(skills::contains);
                (onSkill ? tagged : other).add(hits.get(i));
              }
              tagged.addAll(other);
              return tagged.subList(0, Math.min(CITATIONS, tagged.size()));
            });
  }

  private Future<JsonObject> write(
      String model,
      String query,
      Item item,
      KnowledgeHit passage,
      JsonObject answer,
      Future<?> done) {
    String task =
        item == null
            ? "Answer the learner's question using only the course material."
            : "Give the learner a hint for the exercise, using only the course material; do not give the answer.";
    String prompt =
        task
            + "\nCourse material: "
            + passage.text()
            + "\n"
            + (item == null ? "Question: " : "Exercise: ")
            + query
            + "\n"
            + (item == null ? "Answer:" : "Hint:");
    GenerationRequest request =
        GenerationRequest.of(
                tenantId,
                Prompt.text(prompt),
                Sampling.maxTokens(settings.generationMaxTokens()).withTemperature(0).withSeed(17),
                Duration.ofSeconds(30))
            .withModel(model);
    return context
        .inference()
        .generate(request, done)
        .compose(result -> check(result, passage, answer))
        .recover(
            failure ->
                Future.succeededFuture(
                    answer
                        .put("mode", "passage_fallback")
                        .put("fallbackReason", "model_failed")
                        .put("answer", passage.text())));
  }

  /** Keeps the written text when it is close enough to the passage it was written from. */
  private Future<JsonObject> check(
      GenerationResult result, KnowledgeHit passage, JsonObject answer) {
    String text = result.text().strip();
    JsonObject generation =
        new JsonObject()
            .put("model", result.modelId())
            .put("promptTokens", result.promptTokens())
            .put("completionTokens", result.completionTokens());
    Future<Void> metered =
        context
            .usage()
            .record(
                tenantId,
                "generated_tokens",
                result.promptTokens() + result.completionTokens(),
                "generation:" + UUID.randomUUID());
    if (text.isEmpty()) {
      return metered.map(
          v ->
              answer
                  .put("mode", "passage_fallback")
                  .put("fallbackReason", "empty")
                  .put("generation", generation)
                  .put("answer", passage.text()));
    }
    return metered
        .compose(
            v ->
                context
                    .inference()
                    .embed(
                        EmbeddingRequest.of(
                            tenantId, List.of(text, passage.text()), Duration.ofSeconds(20))))
        .map(
            vectors -> {
              float[] a = vectors.vectors().get(0);
              float[] b = vectors.vectors().get(1);
              double support = 0;
              for (int i = 0; i < a.length; i++) {
                support += a[i] * b[i];
              }
              generation.put("support", Practice.round(support));
              boolean grounded = support >= settings.supportThreshold();
              return answer
                  .put("mode", grounded ? "generated" : "passage_fallback")
                  .put("fallbackReason", grounded ? null : "unsupported")
                  .put("generation", generation)
                  .put("answer", grounded ? text : passage.text());
            });
  }

  private static JsonArray citations(List<KnowledgeHit> hits) {
    JsonArray citations = new JsonArray();
    for (KnowledgeHit hit : hits) {
      citations.add(
          new JsonObject()
              .put("documentId", hit.documentId())
              .put("title", hit.title())
              .put("chunkId", hit.chunkId())
              .put("headings", new JsonArray(hit.headings()))
              .put("text", hit.text())
              .put("score", Practice.round(hit.score())));
    }
    return citations;
  }
}
