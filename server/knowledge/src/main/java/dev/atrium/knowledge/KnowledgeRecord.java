package dev.atrium.knowledge;

import dev.atrium.plugin.api.KnowledgeDocument;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/** What the document store keeps about one knowledge-base document. */
record KnowledgeRecord(
    String id,
    String title,
    String fileName,
    String format,
    String status,
    int chunks,
    long characters,
    long embeddingTokens,
    String generation,
    String jobId,
    String error) {

  JsonObject toJson() {
    return new JsonObject()
        .put("title", title)
        .put("fileName", fileName)
        .put("format", format)
        .put("status", status)
        .put("chunks", chunks)
        .put("characters", characters)
        .put("embeddingTokens", embeddingTokens)
        .put("generation", generation)
        .put("jobId", jobId)
        .put("error", error);
  }

  static KnowledgeRecord fromJson(String id, JsonObject json) {
    return new KnowledgeRecord(
        id,
        json.getString("title", id),
        json.getString("fileName", ""),
        json.getString("format", ""),
        json.getString("status", "ready"),
        json.getInteger("chunks", 0),
        json.getLong("characters", 0L),
        json.getLong("embeddingTokens", 0L),
        json.getString("generation", ""),
        json.getString("jobId"),
        json.getString("error"));
  }

  KnowledgeDocument toDocument(Instant updatedAt) {
    return new KnowledgeDocument(
        id,
        title,
        fileName,
        format,
        status,
        chunks,
        characters,
        embeddingTokens,
        Optional.ofNullable(jobId),
        Optional.ofNullable(error),
        updatedAt);
  }
}
