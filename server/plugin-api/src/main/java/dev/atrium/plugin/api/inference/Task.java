package dev.atrium.plugin.api.inference;

/** What a model does. Each task has its own request and result type. */
public enum Task {
  /** Text to a fixed-length vector ({@link EmbeddingRequest}). */
  EMBEDDING,
  /** Text to labels with scores. Not served yet. */
  CLASSIFICATION,
  /**
   * A row of features to a score ({@link TabularRequest}; models a plugin trains and registers).
   */
  TABULAR_SCORING,
  /** A prompt or conversation to generated text ({@link GenerationRequest}). */
  GENERATION
}
