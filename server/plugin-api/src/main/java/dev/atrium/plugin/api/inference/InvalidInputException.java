package dev.atrium.plugin.api.inference;

/** The request itself is wrong (e.g. no inputs, a null text): HTTP 400. */
public final class InvalidInputException extends InferenceException {

  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }
}
