package dev.atrium.plugin.api.inference;

import static java.util.Objects.requireNonNull;

/**
 * What a generation model wrote for a {@link GenerationRequest}.
 *
 * @param modelId the model that wrote it
 * @param text the generated text (without the stop string that ended it)
 * @param finishReason why it ended
 * @param promptTokens tokens of the prompt as the model saw it (after its chat template)
 * @param completionTokens tokens generated
 * @param usage the cost: {@code tokens} is prompt plus completion tokens, {@code computeMillis} the
 *     time the request held a slot of the model
 */
public record GenerationResult(
    String modelId,
    String text,
    FinishReason finishReason,
    int promptTokens,
    int completionTokens,
    Usage usage)
    implements InferenceResult {

  public GenerationResult {
    requireNonNull(modelId, "modelId is null");
    requireNonNull(text, "text is null");
    requireNonNull(finishReason, "finishReason is null");
    requireNonNull(usage, "usage is null");
    if (promptTokens < 0 || completionTokens < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
  }
}
