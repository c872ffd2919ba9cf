package dev.atrium.persistence.idempotency;

import static java.util.Objects.requireNonNull;

/**
 * An answer kept for replay: status, media type (null without a body), the replayed headers as a
 * JSON object, and the body (null for none).
 */
public record StoredAnswer(int status, String contentType, String headersJson, byte[] body) {
  public StoredAnswer {
    requireNonNull(headersJson, "headersJson is null");
  }
}
