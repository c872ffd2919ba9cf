package dev.atrium.plugin.api.inference;

/** The request's deadline passed before it reached a batch; it was not computed. */
public final class DeadlineExceededException extends InferenceException {

  private static final long serialVersionUID = 1L;

  public DeadlineExceededException(String message) {
    super(message);
  }
}
