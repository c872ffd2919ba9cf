package dev.atrium.persistence.plugins;

import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;

/** A plugin's document as stored: {@code data} is a JSON object as text. */
public record StoredDocument(String collection, String id, String data, OffsetDateTime updatedAt) {
  public StoredDocument {
    requireNonNull(collection, "collection is null");
    requireNonNull(id, "id is null");
    requireNonNull(data, "data is null");
    requireNonNull(updatedAt, "updatedAt is null");
  }
}
