package dev.atrium.plugin.api.inference;

/**
 * The prompt does not fit the model's context (with room for at least one generated token): HTTP
 * 400 {@code context_length_exceeded}.
 */
public final class ContextLengthExceededException extends InferenceException {

  private static final long serialVersionUID = 1L;

  private final int promptTokens;
  private final int contextLength;

  public ContextLengthExceededException(String modelId, int promptTokens, int contextLength) {
    super(
        "The prompt has "
            + promptTokens
            + " tokens; model '"
            + modelId
            + "' has a context of "
            + contextLength
            + " tokens, which must also hold the completion.");
    this.promptTokens = promptTokens;
    this.contextLength = contextLength;
  }

  public int promptTokens() {
    return promptTokens;
  }

  public int contextLength() {
    return contextLength;
  }
}
