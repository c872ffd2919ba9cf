package dev.atrium.inference.generation;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.inference.FinishReason;

/** What one generation produced. */
public record GenerationOutput(
    String text, FinishReason finishReason, int promptTokens, int completionTokens) {

  public GenerationOutput {
    requireNonNull(text, "text is null");
    requireNonNull(finishReason, "finishReason is null");
  }
}
