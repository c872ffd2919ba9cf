package dev.atrium.plugin.api.inference;

/** What a model answered, with the model that answered and what it cost. */
public sealed interface InferenceResult permits EmbeddingResult, GenerationResult, TabularResult {

  /** The id of the model that computed this result (the routed one when none was asked for). */
  String modelId();

  /** The cost of computing this result. */
  Usage usage();
}
