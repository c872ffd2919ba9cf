package dev.atrium.plugin.api.tabular;

/**
 * Gradient-boosted trees' knobs for {@link TabularModels#train}.
 *
 * @param maxRounds at most this many boosting rounds
 * @param earlyStoppingRounds stop when validation has not improved for this many rounds
 * @param maxDepth the deepest tree
 * @param learningRate shrinkage per round (xgboost's {@code eta})
 * @param positiveWeight weight of positive rows (for rare positives, about negatives / positives)
 */
public record TrainingParams(
    int maxRounds,
    int earlyStoppingRounds,
    int maxDepth,
    double learningRate,
    double positiveWeight) {

  public TrainingParams {
    if (maxRounds < 1 || earlyStoppingRounds < 1 || maxDepth < 1) {
      throw new IllegalArgumentException("rounds and depth must be positive");
    }
    if (!(learningRate > 0 && learningRate <= 1) || !(positiveWeight > 0)) {
      throw new IllegalArgumentException("learningRate must be in (0, 1], positiveWeight positive");
    }
  }

  /** Sensible defaults for fraud-like data: 300 rounds, stop after 20, depth 6, eta 0.1. */
  public static TrainingParams defaults() {
    return new TrainingParams(300, 20, 6, 0.1, 1.0);
  }
}
