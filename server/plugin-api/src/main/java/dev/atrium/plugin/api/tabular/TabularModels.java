package dev.atrium.plugin.api.tabular;

import dev.atrium.plugin.api.JobProgress;
import dev.atrium.plugin.api.inference.ModelRegistration;
import dev.atrium.plugin.api.inference.TabularRequest;
import io.vertx.core.Future;

/**
 * Gradient-boosted trees for plugins: training on the host (no native library in the plugin) and
 * serving through the shared inference pool as a {@code tabular} model pool, where {@link
 * TabularRequest}s are batched, queued fairly per tenant and metered like any model call. Since SDK
 * 1.5.0.
 */
public interface TabularModels {

  /**
   * Trains a binary classifier on {@code data} off the event loop, reporting progress (and stopping
   * early when cancelled) through {@code progress}; fails with {@code IllegalArgumentException} for
   * data it cannot learn from (e.g. one class only).
   */
  Future<TrainedModel> train(TrainingData data, TrainingParams params, JobProgress progress);

  /**
   * Serves {@code model} in the shared pool under {@code modelId} (see {@code ModelDefinition} for
   * id rules) until the registration is closed or the plugin stops; registering the same id and
   * bytes again adds a hold, other bytes under a taken id are refused.
   */
  Future<ModelRegistration> serve(String modelId, TrainedModel model);
}
