package dev.atrium.plugin.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A document of a knowledge base: its status ({@code ingesting}, {@code ready}, {@code failed}),
 * what ingestion produced, and the job that ingests it.
 */
public record KnowledgeDocument(
    String id,
    String title,
    String fileName,
    String format,
    String status,
    int chunks,
    long characters,
    long embeddingTokens,
    Optional<String> jobId,
    Optional<String> error,
    Instant updatedAt) {
  public KnowledgeDocument {
    requireNonNull(id, "id is null");
    requireNonNull(title, "title is null");
    requireNonNull(fileName, "fileName is null");
    requireNonNull(format, "format is null");
    requireNonNull(status, "status is null");
    requireNonNull(jobId, "jobId is null");
    requireNonNull(error, "error is null");
    requireNonNull(updatedAt, "updatedAt is null");
  }
}
