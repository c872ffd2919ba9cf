package dev.atrium.inference.catalog;

import static java.util.Objects.requireNonNull;

import dev.atrium.inference.embedding.Pooling;

/**
 * What an embedding model needs beyond the pool settings.
 *
 * @param dimensions the vector length the model produces
 * @param pooling how token vectors become one sentence vector
 * @param maxTokens texts are truncated to this many tokens (special tokens included)
 */
public record EmbeddingSpec(int dimensions, Pooling pooling, int maxTokens) {

  public EmbeddingSpec {
    requireNonNull(pooling, "pooling is null");
    if (dimensions < 1) {
      throw new CatalogConfigException("dimensions must be at least 1, got " + dimensions);
    }
    if (maxTokens < 2) {
      throw new CatalogConfigException("max_tokens must be at least 2, got " + maxTokens);
    }
  }
}
