package dev.atrium.plugin.api.inference;

/** The caller cancelled the request before it reached a batch; it was not computed. */
public final class InferenceCancelledException extends InferenceException {

  private static final long serialVersionUID = 1L;

  public InferenceCancelledException(String message) {
    super(message);
  }
}
