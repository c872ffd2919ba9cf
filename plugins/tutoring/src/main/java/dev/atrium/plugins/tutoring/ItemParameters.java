package dev.atrium.plugins.tutoring;

/**
 * An item's response function in item response theory: the probability that a learner of ability
 * {@code theta} answers right is {@code c + (1 - c) / (1 + exp(-a (theta - b)))}: {@code a} the
 * discrimination, {@code b} the difficulty, {@code c} the guessing floor (0 for the two-parameter
 * model of numeric and free-text items; multiple choice keeps its own, the three-parameter model).
 */
record ItemParameters(double a, double b, double c) {

  ItemParameters {
    if (!Double.isFinite(a) || !Double.isFinite(b) || !(c >= 0 && c < 1)) {
      throw new IllegalArgumentException("bad item parameters a=" + a + " b=" + b + " c=" + c);
    }
  }

  /** The probability of a right answer at ability {@code theta}. */
  double probability(double theta) {
    return c + (1 - c) / (1 + Math.exp(-a * (theta - b)));
  }

  /** Fisher information about ability that one answer to this item gives at {@code theta}. */
  double information(double theta) {
    double p = probability(theta);
    double q = 1 - p;
    double ratio = (p - c) / (1 - c);
    return a * a * ratio * ratio * q / p;
  }
}
