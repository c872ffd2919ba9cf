package dev.atrium.plugin.api.inference;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** The request was turned away at admission; the client may retry after {@link #retryAfter()}. */
public abstract class CapacityExceededException extends InferenceException {

  private static final long serialVersionUID = 1L;

  private final String modelId;
  private final Duration retryAfter;

  protected CapacityExceededException(String message, String modelId, Duration retryAfter) {
    super(message);
    this.modelId = requireNonNull(modelId, "modelId is null");
    this.retryAfter = requireNonNull(retryAfter, "retryAfter is null");
  }

  /** The model whose queue turned the request away. */
  public String modelId() {
    return modelId;
  }

  /** The pool's estimate of when a retry would be admitted (for a Retry-After header). */
  public Duration retryAfter() {
    return retryAfter;
  }
}
