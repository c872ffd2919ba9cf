package dev.atrium.plugin.api.inference;

/**
 * The model failed while computing the batch this request was in: HTTP 500. The pool replaced the
 * worker; a retry may succeed.
 */
public final class InferenceFailedException extends InferenceException {

  private static final long serialVersionUID = 1L;

  public InferenceFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
