package dev.atrium.plugin.api.inference;

/** The pool is draining or closed and admits no more work: HTTP 503. */
public final class PoolShutdownException extends InferenceException {

  private static final long serialVersionUID = 1L;

  public PoolShutdownException(String message) {
    super(message);
  }
}
