package dev.atrium.plugin.api.inference;

/**
 * A plugin's hold on a model it registered in the shared pool. Registering the same model again
 * (same id and artifact) shares the loaded model and adds a hold; the model is unloaded when the
 * last hold is closed. The host closes a plugin's holds when the plugin stops.
 */
public interface ModelRegistration extends AutoCloseable {

  /** The registered model, as {@link ModelCatalog} lists it. */
  ModelInfo model();

  /** Gives this hold back; closing twice does nothing. */
  @Override
  void close();
}
