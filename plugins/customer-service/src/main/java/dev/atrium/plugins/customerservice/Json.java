package dev.atrium.plugins.customerservice;

import dev.atrium.plugin.api.JobStatus;
import dev.atrium.plugin.api.KnowledgeDocument;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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

  /** The last question asked in a conversation record. */
  static Optional<String> lastQuestion(JsonObject conversation) {
    JsonArray turns = conversation.getJsonArray("turns", new JsonArray());
    return turns.isEmpty()
        ? Optional.empty()
        : Optional.ofNullable(turns.getJsonObject(turns.size() - 1).getString("question"));
  }
}
