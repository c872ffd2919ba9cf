package dev.atrium.plugin.api.inference;

/**
 * Why the inference pool did not answer a request. Each subclass is one reason the HTTP layer maps
 * to a status code.
 */
public abstract class InferenceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure with a cause worth a stack trace. */
  protected InferenceException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * An expected outcome (rejection, expiry): no stack trace, since these are flow control and can
   * be frequent under load.
   */
  protected InferenceException(String message) {
    super(message, null, false, false);
  }
}
