package dev.atrium.plugin.api.inference;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The vectors for an {@link EmbeddingRequest}, in input order, each L2-normalised (so the dot
 * product of two vectors is their cosine similarity). The arrays are the caller's to keep; the
 * record compares them by identity.
 */
public record EmbeddingResult(String modelId, List<float[]> vectors, Usage usage)
    implements InferenceResult {

  public EmbeddingResult {
    requireNonNull(modelId, "modelId is null");
    vectors = List.copyOf(requireNonNull(vectors, "vectors is null"));
    requireNonNull(usage, "usage is null");
  }
}
