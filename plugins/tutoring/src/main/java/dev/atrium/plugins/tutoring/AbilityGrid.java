package dev.atrium.plugins.tutoring;

/**
 * The quadrature grid abilities are integrated over: equally spaced points from -4 to 4 with the
 * standard normal density as prior weights. Both the learner's posterior (expected a posteriori
 * ability) and calibration (Bock-Aitkin) use it.
 */
final class AbilityGrid {
  static final int POINTS = 41;
  static final double LOW = -4;
  static final double HIGH = 4;

  private static final double[] NODES = new double[POINTS];
  private static final double[] LOG_PRIOR = new double[POINTS];

  static {
    for (int k = 0; k < POINTS; k++) {
      NODES[k] = LOW + (HIGH - LOW) * k / (POINTS - 1);
      LOG_PRIOR[k] = -0.5 * NODES[k] * NODES[k];
    }
  }

  private AbilityGrid() {}

  static double node(int k) {
    return NODES[k];
  }

  /** Log of the normal density (up to a constant) at node {@code k}, centred on {@code mean}. */
  static double logPrior(int k, double mean) {
    double z = NODES[k] - mean;
    return mean == 0 ? LOG_PRIOR[k] : -0.5 * z * z;
  }

  /** Normalised weights from log weights, safely (the largest becomes exp(0) before summing). */
  static double[] normalise(double[] logWeights) {
    double max = Double.NEGATIVE_INFINITY;
    for (double w : logWeights) {
      max = Math.max(max, w);
    }
    double[] weights = new double[logWeights.length];
    double sum = 0;
    for (int k = 0; k < weights.length; k++) {
      weights[k] = Math.exp(logWeights[k] - max);
      sum += weights[k];
    }
    for (int k = 0; k < weights.length; k++) {
      weights[k] /= sum;
    }
    return weights;
  }
}
