package dev.atrium.plugin.api.tabular;

/**
 * How a trained model did on its validation rows.
 *
 * @param rocAuc area under the ROC curve
 * @param prAuc area under the precision-recall curve (average precision)
 * @param rounds boosting rounds kept (after early stopping)
 * @param trainRows rows trained on
 * @param validationRows rows validated on
 * @param trainingMillis wall time of the training
 */
public record TrainingMetrics(
    double rocAuc,
    double prAuc,
    int rounds,
    int trainRows,
    int validationRows,
    long trainingMillis) {}
