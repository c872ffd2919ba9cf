package dev.atrium.plugin.api.inference;

import io.vertx.core.Future;

/**
 * Adds models to the shared inference pool at run time. They are served like the catalog's:
 * admission, fair queues per tenant, deadlines, metrics and metering apply alike.
 */
public interface ModelRegistry {

  /**
   * Loads {@code definition}'s model (in the background) and serves it, or adds a hold on it when a
   * model with the same id and artifact is already served. Fails with {@link InvalidInputException}
   * when the id is taken by another model or the definition is wrong, and with {@link
   * InferenceFailedException} when the model does not load.
   */
  Future<ModelRegistration> register(ModelDefinition definition);
}
