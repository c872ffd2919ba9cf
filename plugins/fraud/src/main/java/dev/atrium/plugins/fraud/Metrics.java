package dev.atrium.plugins.fraud;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Comparator;

/**
 * How well scores rank labelled payments: ROC-AUC, PR-AUC (average precision), precision and recall
 * when the top k% are reviewed (the alert budget), and the cost of each budget given the cost of a
 * missed fraud and of a review.
 */
final class Metrics {
  private Metrics() {}

  /** ROC-AUC by the rank statistic, ties counted half. */
  static double rocAuc(double[] scores, int[] labels) {
    Integer[] order = order(scores);
    long positives = Arrays.stream(labels).filter(l -> l == 1).count();
    long negatives = labels.length - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    double rankSum = 0;
    int i = 0;
    // ascending ranks: walk the descending order backwards
    Integer[] ascending = order.clone();
    java.util.Collections.reverse(Arrays.asList(ascending));
    while (i < ascending.length) {
      int j = i;
      while (j + 1 < ascending.length && scores[ascending[j + 1]] == scores[ascending[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (labels[ascending[k]] == 1) {
          rankSum += rank;
        }
      }
      i = j + 1;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /** Average precision: the mean of precision at each fraud, highest scores first. */
  static double prAuc(double[] scores, int[] labels) {
    Integer[] order = order(scores);
    long positives = Arrays.stream(labels).filter(l -> l == 1).count();
    if (positives == 0) {
      return Double.NaN;
    }
    double sum = 0;
    int hits = 0;
    for (int k = 0; k < order.length; k++) {
      if (labels[order[k]] == 1) {
        hits++;
        sum += (double) hits / (k + 1);
      }
    }
    return sum / positives;
  }

  /** Recall when the top {@code percent}% scores are reviewed. */
  static double recallAt(double[] scores, int[] labels, double percent) {
    long positives = Arrays.stream(labels).filter(l -> l == 1).count();
    return positives == 0 ? Double.NaN : (double) caughtAt(scores, labels, percent) / positives;
  }

  static double precisionAt(double[] scores, int[] labels, double percent) {
    int budget = budget(scores.length, percent);
    return budget == 0 ? Double.NaN : (double) caughtAt(scores, labels, percent) / budget;
  }

  private static int caughtAt(double[] scores, int[] labels, double percent) {
    Integer[] order = order(scores);
    int caught = 0;
    for (int k = 0; k < budget(scores.length, percent); k++) {
      caught += labels[order[k]];
    }
    return caught;
  }

  private static int budget(int n, double percent) {
    return (int) Math.max(1, Math.round(n * percent / 100));
  }

  /** The full evaluation, for backtests and the bench. */
  static JsonObject evaluate(
      double[] scores, int[] labels, double budgetPercent, double missCost, double reviewCost) {
    JsonArray costCurve = new JsonArray();
    long positives = Arrays.stream(labels).filter(l -> l == 1).count();
    for (double percent : new double[] {0.1, 0.5, 1, 2, 5, 10, 20}) {
      int reviewed = budget(scores.length, percent);
      long missed = positives - caughtAt(scores, labels, percent);
      costCurve.add(
          new JsonObject()
              .put("reviewPercent", percent)
              .put("cost", Reasons.round(missed * missCost + reviewed * reviewCost)));
    }
    return new JsonObject()
        .put("rows", scores.length)
        .put("frauds", positives)
        .put("rocAuc", finite(rocAuc(scores, labels)))
        .put("prAuc", finite(prAuc(scores, labels)))
        .put("budgetPercent", budgetPercent)
        .put("precisionAtBudget", finite(precisionAt(scores, labels, budgetPercent)))
        .put("recallAtBudget", finite(recallAt(scores, labels, budgetPercent)))
        .put("costCurve", costCurve);
  }

  private static Double finite(double value) {
    return Double.isNaN(value) ? null : Reasons.round(value);
  }

  /** Indexes by score, highest first (stable). */
  private static Integer[] order(double[] scores) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
    return order;
  }
}
