package dev.atrium.plugins.fraud;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The score before a tenant has labels: a robust z-score ensemble. For each feature where high is
 * suspicious, how many robust deviations ({@code 1.4826 * MAD}, floored) the payment sits above the
 * tenant's median; for each novelty flag, how rare a 1 is among the tenant's payments (the z-score
 * of a Bernoulli). Each surprise is capped at 8; the three largest, weighted 1, 3/4, 1/2, map to a
 * score {@code 1 - exp(-sum / 9)}, at most 0.86: alone it reviews, only rules or a model block.
 * Medians come from a per-tenant reservoir of recent payments, refreshed every {@value #REFRESH}
 * payments; until {@value #WARM} payments were seen, fixed priors stand in.
 */
final class RobustBaseline {
  static final int WARM = 200;
  private static final int RESERVOIR = 2048;
  private static final int REFRESH = 1024;
  private static final double MAX_SURPRISE = 8;
  private static final double SCALE = 9;
  private static final double[] WEIGHTS = {1, 0.75, 0.5};
  private static final int F = Feature.ALL.size();

  /** Prior median and smallest deviation per feature (the deviation also floors the MAD). */
  private static final double[] PRIOR_MEDIAN = new double[F];

  private static final double[] FLOOR = new double[F];

  static {
    Arrays.fill(FLOOR, 1);
    prior(Feature.AMOUNT_ZSCORE, 0, 1);
    prior(Feature.AMOUNT_TO_MEDIAN, 1, 0.75);
    prior(Feature.ACCT_COUNT_1M, 1, 0.5);
    prior(Feature.ACCT_COUNT_1H, 1, 1);
    prior(Feature.ACCT_COUNT_24H, 3, 2);
    prior(Feature.ACCT_SUM_1H, 100, 150);
    prior(Feature.ACCT_SUM_24H, 200, 300);
    prior(Feature.DEVICE_COUNT_1H, 1, 1);
    prior(Feature.DEVICE_ACCOUNTS_24H, 1, 0.4);
    prior(Feature.GEO_KM, 5, 60);
    prior(Feature.GEO_SPEED_KMH, 1, 120);
  }

  private static void prior(Feature feature, double median, double floor) {
    PRIOR_MEDIAN[feature.ordinal()] = median;
    FLOOR[feature.ordinal()] = floor;
  }

  /** The medians, deviations and flag rates in use. */
  private record Stats(double[] median, double[] scale, double[] rate) {}

  private final float[][] samples = new float[RESERVOIR][];
  private final SplittableRandom random = new SplittableRandom(16);
  private long seen;
  private volatile Stats stats = priors();

  /** A feature's part in the score: how surprising its value is, at least 0. */
  record Surprise(Feature feature, double value) {}

  /** The score of a feature vector and its surprises, largest first. */
  record Result(double score, List<Surprise> surprises) {}

  Result score(double[] f) {
    Stats current = stats;
    List<Surprise> surprises = new ArrayList<>();
    for (Feature feature : Feature.ALL) {
      int i = feature.ordinal();
      double s =
          switch (feature.kind()) {
            case HIGH_IS_RISKY -> (f[i] - current.median()[i]) / current.scale()[i];
            case FLAG -> f[i] > 0.5 ? Math.sqrt((1 - current.rate()[i]) / current.rate()[i]) : 0;
            case CONTEXT -> 0;
          };
      if (s > 0) {
        surprises.add(new Surprise(feature, Math.min(MAX_SURPRISE, s)));
      }
    }
    surprises.sort(Comparator.comparingDouble(Surprise::value).reversed());
    double total = 0;
    for (int k = 0; k < Math.min(WEIGHTS.length, surprises.size()); k++) {
      total += WEIGHTS[k] * surprises.get(k).value();
    }
    return new Result(1 - Math.exp(-total / SCALE), surprises);
  }

  /** Adds a payment's features to the reservoir; every so often recomputes the statistics. */
  void observe(double[] f) {
    float[][] copy = null;
    synchronized (this) {
      float[] row = new float[F];
      for (int i = 0; i < F; i++) {
        row[i] = (float) f[i];
      }
      seen++;
      if (seen <= RESERVOIR) {
        samples[(int) (seen - 1)] = row;
      } else {
        long slot = random.nextLong(seen);
        if (slot < RESERVOIR) {
          samples[(int) slot] = row;
        }
      }
      if (seen == WARM || seen % REFRESH == 0) {
        copy = Arrays.copyOf(samples, (int) Math.min(seen, RESERVOIR));
      }
    }
    if (copy != null) {
      stats = fit(copy);
    }
  }

  private static Stats fit(float[][] rows) {
    double[] median = new double[F];
    double[] scale = new double[F];
    double[] rate = new double[F];
    double[] column = new double[rows.length];
    for (int i = 0; i < F; i++) {
      for (int r = 0; r < rows.length; r++) {
        column[r] = rows[r][i];
      }
      median[i] = FeatureStore.median(column);
      double[] deviations = new double[rows.length];
      double ones = 0;
      for (int r = 0; r < rows.length; r++) {
        deviations[r] = Math.abs(column[r] - median[i]);
        ones += column[r] > 0.5 ? 1 : 0;
      }
      scale[i] = Math.max(1.4826 * FeatureStore.median(deviations), FLOOR[i]);
      rate[i] = Math.min(0.5, Math.max(0.005, (ones + 1) / (rows.length + 2)));
    }
    return new Stats(median, scale, rate);
  }

  private static Stats priors() {
    double[] rate = new double[F];
    Arrays.fill(rate, 0.05);
    return new Stats(PRIOR_MEDIAN.clone(), FLOOR.clone(), rate);
  }
}
