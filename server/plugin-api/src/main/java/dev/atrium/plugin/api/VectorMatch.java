package dev.atrium.plugin.api;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A search result: the entry's id and metadata, and its score (higher is nearer; for cosine
 * similarity {@code (1 + cos) / 2}, between 0 and 1).
 */
public record VectorMatch(String id, float score, Map<String, String> metadata) {
  public VectorMatch {
    requireNonNull(id, "id is null");
    metadata = Map.copyOf(requireNonNull(metadata, "metadata is null"));
  }
}
