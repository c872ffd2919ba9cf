package dev.atrium.plugin.api.inference;

/** No served model has the requested id, or none serves the requested task: HTTP 404. */
public final class ModelNotFoundException extends InferenceException {

  private static final long serialVersionUID = 1L;

  public ModelNotFoundException(String message) {
    super(message);
  }
}
