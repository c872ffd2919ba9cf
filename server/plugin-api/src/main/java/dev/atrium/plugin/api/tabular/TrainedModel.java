package dev.atrium.plugin.api.tabular;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A model {@link TabularModels#train} produced: keep {@link #bytes()} (e.g. in the tenant's blob
 * store) and {@link TabularModels#serve} it to score through the shared pool.
 *
 * @param bytes the serialized model
 * @param featureNames the columns it expects, in order
 * @param metrics its validation metrics
 */
public record TrainedModel(byte[] bytes, List<String> featureNames, TrainingMetrics metrics) {
  public TrainedModel {
    requireNonNull(bytes, "bytes is null");
    featureNames = List.copyOf(requireNonNull(featureNames, "featureNames is null"));
    requireNonNull(metrics, "metrics is null");
  }
}
