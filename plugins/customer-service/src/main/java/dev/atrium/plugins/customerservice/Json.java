package dev.atrium.plugins.customerservice;

import dev.atrium.plugin.api.JobStatus;
import dev.atrium.plugin.api.KnowledgeDocument;
import dev.atrium.plugin.api.KnowledgeHit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The JSON shapes of the plugin's answers. */
final class Json {
  private Json() {}

  static JsonObject document(KnowledgeDocument d, Optional<JobStatus> job) {
    JsonObject json =
        new JsonObject()
            .put("id", d.id())
            .put("title", d.title())
            .put("fileName", d.fileName())
            .put("format", d.format())
            .put("status", d.status())
            .put("chunks", d.chunks())
            .put("characters", d.characters())
            .put("embeddingTokens", d.embeddingTokens())
            .put("error", d.error().orElse(null))
            .put("updatedAt", d.updatedAt().toString())
            .put("jobId", d.jobId().orElse(null));
    job.ifPresent(j -> json.put("job", job(j)));
    return json;
  }

  static JsonObject job(JobStatus job) {
    return new JsonObject()
        .put("id", job.id())
        .put("name", job.name())
        .put("state", job.state().name().toLowerCase(Locale.ROOT))
        .put("progress", job.progress())
        .put("message", job.message())
        .put("submittedAt", job.submittedAt().toString())
        .put("finishedAt", job.finishedAt().map(Object::toString).orElse(null))
        .put("error", job.error().orElse(null));
  }

  /** A passage found in the knowledge base, as answers cite it and the retrieval test lists it. */
  static JsonObject citation(KnowledgeHit hit) {
    return new JsonObject()
        .put("documentId", hit.documentId())
        .put("title", hit.title())
        .put("chunkId", hit.chunkId())
        .put("text", hit.text())
        .put("question", hit.question().orElse(null))
        .put("score", round(hit.score()));
  }

  /**
   * The retrieval test's answer: the passages found, best first, the confidence an answer would
   * have (the best score) and whether an answer would hand off for it.
   */
  static JsonObject retrieval(String query, List<KnowledgeHit> hits, CsSettings settings) {
    double confidence = hits.isEmpty() ? 0 : Math.max(0, hits.get(0).score());
    return new JsonObject()
        .put("query", query)
        .put("data", new JsonArray(hits.stream().map(h -> (Object) citation(h)).toList()))
        .put("confidence", round(confidence))
        .put("confidenceThreshold", settings.confidenceThreshold())
        .put("handoff", hits.isEmpty() || confidence < settings.confidenceThreshold());
  }

  /** A score or similarity to three decimals. */
  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  /** The last question asked in a conversation record. */
  static Optional<String> lastQuestion(JsonObject conversation) {
    JsonArray turns = conversation.getJsonArray("turns", new JsonArray());
    return turns.isEmpty()
        ? Optional.empty()
        : Optional.ofNullable(turns.getJsonObject(turns.size() - 1).getString("question"));
  }
}
