package dev.atrium.plugins.tutoring;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Item calibration by marginal maximum likelihood with the EM algorithm of Bock and Aitkin (1981):
 * abilities are integrated out over the {@link AbilityGrid} with a standard normal prior (which
 * fixes the scale). The E-step gives, per item and grid node, the expected number of learners who
 * answered and who answered right; the M-step maximises each item's expected log likelihood by
 * Fisher scoring in (log a, d = -a b, logit c), with weak priors (log a ~ N(0, 0.5), d ~ N(0, 2),
 * logit c near the item's chance level) that keep items with few answers sensible. Guessing is
 * estimated only for multiple choice items.
 */
final class Calibration {
  /** One learner's answers: item indexes and whether each was right. */
  record Answers(int[] items, boolean[] right) {}

  /** What the caller starts from for one item. */
  record Start(ItemParameters parameters, boolean guessing, double chance) {}

  /** Reported after each EM cycle. */
  interface Progress {
    void cycle(int cycle, int maxCycles, double largestChange);
  }

  record Result(List<ItemParameters> items, int cycles, double largestChange, boolean converged) {}

  private static final double LOG_A_SD = 0.5;
  private static final double D_SD = 2.0;
  private static final double LOGIT_C_SD = 0.5;

  private final int maxCycles;
  private final double tolerance;

  Calibration(int maxCycles, double tolerance) {
    this.maxCycles = maxCycles;
    this.tolerance = tolerance;
  }

  Result run(
      List<Start> starts, List<Answers> learners, Progress progress, BooleanSupplier cancelled) {
    int items = starts.size();
    int points = AbilityGrid.POINTS;
    ItemParameters[] current = new ItemParameters[items];
    for (int j = 0; j < items; j++) {
      current[j] = starts.get(j).parameters();
    }
    double change = Double.POSITIVE_INFINITY;
    int cycle = 0;
    while (cycle < maxCycles && change > tolerance && !cancelled.getAsBoolean()) {
      double[][] answered = new double[items][points];
      double[][] right = new double[items][points];
      expect(current, learners, answered, right);
      change = 0;
      for (int j = 0; j < items; j++) {
        ItemParameters next = maximise(current[j], starts.get(j), answered[j], right[j]);
        change =
            Math.max(
                change,
                Math.max(Math.abs(next.a() - current[j].a()), Math.abs(next.b() - current[j].b())));
        current[j] = next;
      }
      cycle++;
      progress.cycle(cycle, maxCycles, change);
    }
    return new Result(List.of(current), cycle, change, change <= tolerance);
  }

  /** The E-step: expected answers and right answers per item and grid node. */
  private static void expect(
      ItemParameters[] items, List<Answers> learners, double[][] answered, double[][] right) {
    int points = AbilityGrid.POINTS;
    double[][] logRight = new double[items.length][points];
    double[][] logWrong = new double[items.length][points];
    for (int j = 0; j < items.length; j++) {
      for (int k = 0; k < points; k++) {
        double p = items[j].probability(AbilityGrid.node(k));
        logRight[j][k] = Math.log(p);
        logWrong[j][k] = Math.log(1 - p);
      }
    }
    double[] log = new double[points];
    for (Answers learner : learners) {
      for (int k = 0; k < points; k++) {
        log[k] = AbilityGrid.logPrior(k, 0);
      }
      for (int i = 0; i < learner.items().length; i++) {
        double[] add =
            learner.right()[i] ? logRight[learner.items()[i]] : logWrong[learner.items()[i]];
        for (int k = 0; k < points; k++) {
          log[k] += add[k];
        }
      }
      double[] posterior = AbilityGrid.normalise(log);
      for (int i = 0; i < learner.items().length; i++) {
        int j = learner.items()[i];
        boolean r = learner.right()[i];
        for (int k = 0; k < points; k++) {
          answered[j][k] += posterior[k];
          if (r) {
            right[j][k] += posterior[k];
          }
        }
      }
    }
  }

  /** The M-step for one item: a few Fisher scoring steps on its expected log likelihood. */
  private static ItemParameters maximise(
      ItemParameters item, Start start, double[] answered, double[] right) {
    double logA = Math.log(item.a());
    double d = -item.a() * item.b();
    double logitC0 = logit(Math.min(0.45, Math.max(0.01, start.chance())));
    double logitC = start.guessing() ? logit(Math.max(0.01, item.c())) : 0;
    int size = start.guessing() ? 3 : 2;
    for (int step = 0; step < 8; step++) {
      double a = Math.exp(logA);
      double c = start.guessing() ? sigmoid(logitC) : 0;
      double[] gradient = new double[size];
      double[][] info = new double[size][size];
      for (int k = 0; k < AbilityGrid.POINTS; k++) {
        if (answered[k] < 1e-12) {
          continue;
        }
        double x = AbilityGrid.node(k);
        double s = sigmoid(a * x + d);
        double p = Math.min(1 - 1e-9, Math.max(1e-9, c + (1 - c) * s));
        double[] dp = new double[size];
        dp[0] = (1 - c) * s * (1 - s) * x * a;
        dp[1] = (1 - c) * s * (1 - s);
        if (size == 3) {
          dp[2] = (1 - s) * c * (1 - c);
        }
        double residual = (right[k] - answered[k] * p) / (p * (1 - p));
        double weight = answered[k] / (p * (1 - p));
        for (int u = 0; u < size; u++) {
          gradient[u] += residual * dp[u];
          for (int v = 0; v < size; v++) {
            info[u][v] += weight * dp[u] * dp[v];
          }
        }
      }
      gradient[0] -= logA / (LOG_A_SD * LOG_A_SD);
      info[0][0] += 1 / (LOG_A_SD * LOG_A_SD);
      gradient[1] -= d / (D_SD * D_SD);
      info[1][1] += 1 / (D_SD * D_SD);
      if (size == 3) {
        gradient[2] -= (logitC - logitC0) / (LOGIT_C_SD * LOGIT_C_SD);
        info[2][2] += 1 / (LOGIT_C_SD * LOGIT_C_SD);
      }
      double[] delta = solve(info, gradient);
      double largest = 0;
      for (double v : delta) {
        largest = Math.max(largest, Math.abs(v));
      }
      double scale = largest > 1 ? 1 / largest : 1;
      logA += scale * delta[0];
      d += scale * delta[1];
      if (size == 3) {
        logitC += scale * delta[2];
      }
      if (largest < 1e-6) {
        break;
      }
    }
    double a = Math.exp(Math.max(-3, Math.min(2, logA)));
    return new ItemParameters(a, -d / a, start.guessing() ? sigmoid(logitC) : 0);
  }

  /** Solves {@code m x = v} for a small symmetric positive definite {@code m}. */
  private static double[] solve(double[][] m, double[] v) {
    int n = v.length;
    double[][] a = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(m[i], 0, a[i], 0, n);
      a[i][n] = v[i];
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int row = col + 1; row < n; row++) {
        if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
          pivot = row;
        }
      }
      double[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      for (int row = col + 1; row < n; row++) {
        double f = a[row][col] / a[col][col];
        for (int c = col; c <= n; c++) {
          a[row][c] -= f * a[col][c];
        }
      }
    }
    double[] x = new double[n];
    for (int row = n - 1; row >= 0; row--) {
      double sum = a[row][n];
      for (int c = row + 1; c < n; c++) {
        sum -= a[row][c] * x[c];
      }
      x[row] = sum / a[row][row];
    }
    return x;
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  /** Learners' answers as index arrays; a helper for callers that collect them one by one. */
  static Answers answers(List<Integer> items, List<Boolean> right) {
    int[] i = new int[items.size()];
    boolean[] r = new boolean[right.size()];
    for (int n = 0; n < i.length; n++) {
      i[n] = items.get(n);
      r[n] = right.get(n);
    }
    return new Answers(i, r);
  }
}
