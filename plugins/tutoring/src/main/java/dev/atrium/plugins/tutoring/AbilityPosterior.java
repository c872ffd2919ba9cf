package dev.atrium.plugins.tutoring;

import io.vertx.core.json.JsonArray;

/**
 * A learner's belief about one ability, kept as the log posterior on the {@link AbilityGrid}: each
 * answer adds the log likelihood of that answer, so the expected a posteriori ability and its
 * standard error are exact for the grid, whatever the order of the answers. Mutable; one per
 * learner and skill (plus one for the whole course).
 */
final class AbilityPosterior {
  private final double[] logDensity;

  private AbilityPosterior(double[] logDensity) {
    this.logDensity = logDensity;
  }

  /** A normal prior with standard deviation 1 centred on {@code mean}. */
  static AbilityPosterior prior(double mean) {
    double[] log = new double[AbilityGrid.POINTS];
    for (int k = 0; k < log.length; k++) {
      log[k] = AbilityGrid.logPrior(k, mean);
    }
    return new AbilityPosterior(log);
  }

  static AbilityPosterior fromJson(JsonArray json) {
    if (json == null || json.size() != AbilityGrid.POINTS) {
      return prior(0);
    }
    double[] log = new double[AbilityGrid.POINTS];
    for (int k = 0; k < log.length; k++) {
      log[k] = json.getDouble(k);
    }
    return new AbilityPosterior(log);
  }

  /** The log posterior, shifted so its maximum is 0 and rounded, to keep stored states small. */
  JsonArray toJson() {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : logDensity) {
      max = Math.max(max, v);
    }
    JsonArray json = new JsonArray();
    for (double v : logDensity) {
      json.add(Math.max(-700, Math.round((v - max) * 1e4) / 1e4));
    }
    return json;
  }

  /** Adds one answer to {@code item}: right or wrong. */
  void observe(ItemParameters item, boolean right) {
    for (int k = 0; k < logDensity.length; k++) {
      double p = item.probability(AbilityGrid.node(k));
      logDensity[k] += Math.log(right ? p : 1 - p);
    }
  }

  /** The expected a posteriori ability. */
  double mean() {
    double[] w = AbilityGrid.normalise(logDensity);
    double mean = 0;
    for (int k = 0; k < w.length; k++) {
      mean += w[k] * AbilityGrid.node(k);
    }
    return mean;
  }

  /** The posterior standard deviation: the standard error of {@link #mean()}. */
  double standardError() {
    double[] w = AbilityGrid.normalise(logDensity);
    double mean = mean();
    double variance = 0;
    for (int k = 0; k < w.length; k++) {
      double d = AbilityGrid.node(k) - mean;
      variance += w[k] * d * d;
    }
    return Math.sqrt(variance);
  }

  /** The posterior predictive probability of a right answer to {@code item}. */
  double predict(ItemParameters item) {
    double[] w = AbilityGrid.normalise(logDensity);
    double p = 0;
    for (int k = 0; k < w.length; k++) {
      p += w[k] * item.probability(AbilityGrid.node(k));
    }
    return p;
  }
}
