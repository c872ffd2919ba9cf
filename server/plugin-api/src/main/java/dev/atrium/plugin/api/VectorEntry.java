package dev.atrium.plugin.api;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** One vector to index, with its id and the metadata filters and results carry. */
public record VectorEntry(String id, float[] vector, Map<String, String> metadata) {
  public VectorEntry {
    requireNonNull(id, "id is null");
    requireNonNull(vector, "vector is null");
    metadata = Map.copyOf(requireNonNull(metadata, "metadata is null"));
  }
}
