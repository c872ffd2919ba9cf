package dev.atrium.plugin.api;

import static java.util.Objects.requireNonNull;

import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * A document to ingest. {@code documentId} names it for later replacement or deletion (empty: a new
 * id is made); the format comes from {@code contentType}, else from {@code fileName}.
 */
public record KnowledgeUpload(
    Optional<String> documentId, String fileName, String contentType, Buffer content) {
  public KnowledgeUpload {
    requireNonNull(documentId, "documentId is null");
    requireNonNull(fileName, "fileName is null");
    requireNonNull(content, "content is null");
  }
}
