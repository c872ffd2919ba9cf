package dev.atrium.inference.tabular;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How well scores rank the positives of a binary problem: ROC-AUC and PR-AUC (average precision),
 * with tied scores counted as one threshold.
 */
public final class ClassifierMetrics {

  private ClassifierMetrics() {}

  /**
   * The area under the ROC curve: the chance that a random positive scores above a random negative,
   * a tie counting half (the Mann-Whitney statistic over average ranks).
   *
   * @param labels 1 for positive, 0 for negative; both must occur
   */
  public static double rocAuc(double[] scores, float[] labels) {
    Integer[] order = ascending(scores, labels);
    double positiveRanks = 0;
    int i = 0;
    while (i < order.length) {
      int j = tieEnd(scores, order, i);
      double averageRank = (i + 1 + j) / 2.0; // ranks i+1 .. j, 1-based
      for (int k = i; k < j; k++) {
        positiveRanks += labels[order[k]] == 1 ? averageRank : 0;
      }
      i = j;
    }
    long positives = count(labels, 1);
    long negatives = labels.length - positives;
    return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /**
   * The area under the precision-recall curve as average precision: the sum over thresholds, from
   * the highest score down, of the precision at that threshold times the recall it adds.
   *
   * @param labels 1 for positive, 0 for negative; both must occur
   */
  public static double prAuc(double[] scores, float[] labels) {
    Integer[] order = ascending(scores, labels);
    long positives = count(labels, 1);
    long truePositives = 0;
    long taken = 0;
    double average = 0;
    int j = order.length;
    while (j > 0) {
      int i = tieStart(scores, order, j);
      long found = 0;
      for (int k = i; k < j; k++) {
        found += labels[order[k]] == 1 ? 1 : 0;
      }
      truePositives += found;
      taken += j - i;
      average += (double) found / positives * ((double) truePositives / taken);
      j = i;
    }
    return average;
  }

  private static Integer[] ascending(double[] scores, float[] labels) {
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(
          scores.length + " scores for " + labels.length + " labels");
    }
    long positives = count(labels, 1);
    if (positives + count(labels, 0) != labels.length) {
      throw new IllegalArgumentException("labels must be 0 or 1");
    }
    if (positives == 0 || positives == labels.length) {
      throw new IllegalArgumentException("both classes must occur to rank them");
    }
    Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(index -> scores[index]));
    return order;
  }

  /** The end (exclusive) of the run of equal scores starting at {@code start}. */
  private static int tieEnd(double[] scores, Integer[] order, int start) {
    int end = start + 1;
    while (end < order.length && scores[order[end]] == scores[order[start]]) {
      end++;
    }
    return end;
  }

  /** The start of the run of equal scores ending (exclusive) at {@code end}. */
  private static int tieStart(double[] scores, Integer[] order, int end) {
    int start = end - 1;
    while (start > 0 && scores[order[start - 1]] == scores[order[end - 1]]) {
      start--;
    }
    return start;
  }

  private static long count(float[] labels, float label) {
    long count = 0;
    for (float value : labels) {
      count += value == label ? 1 : 0;
    }
    return count;
  }
}
