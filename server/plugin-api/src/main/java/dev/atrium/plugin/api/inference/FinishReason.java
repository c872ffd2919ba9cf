package dev.atrium.plugin.api.inference;

/** Why a generation ended. */
public enum FinishReason {
  /** The model ended its answer, or a stop string came. */
  STOP,
  /** {@code maxTokens} was reached, or the model's context was full. */
  LENGTH,
  /** The caller cancelled it (for example the client went away). */
  CANCELLED,
  /** The request's deadline passed while it was generating. */
  DEADLINE
}
