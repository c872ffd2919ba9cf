package dev.atrium.plugin.api;

import static java.util.Objects.requireNonNull;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A stored JSON document. */
public record Document(String collection, String id, JsonObject data, Instant updatedAt) {
  public Document {
    requireNonNull(collection, "collection is null");
    requireNonNull(id, "id is null");
    data = requireNonNull(data, "data is null").copy();
    requireNonNull(updatedAt, "updatedAt is null");
  }
}
