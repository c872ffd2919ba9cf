package dev.atrium.inference.tabular;

import dev.atrium.plugin.api.JobProgress;
import dev.atrium.plugin.api.tabular.TrainedModel;
import dev.atrium.plugin.api.tabular.TrainingData;
import dev.atrium.plugin.api.tabular.TrainingMetrics;
import dev.atrium.plugin.api.tabular.TrainingParams;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains a binary gradient-boosted tree classifier with xgboost, one boosting round at a time so
 * that every round reports progress and a cancelled job stops within a round. The newest {@code
 * validationRows} rows validate (a time-based split); training stops when validation PR-AUC has not
 * improved for {@code earlyStoppingRounds} rounds and keeps the best round's model. PR-AUC, not
 * ROC-AUC: with rare positives ROC-AUC is already high after one shallow tree and stops training
 * there, while what matters (the positives ranked at the very top, where an alert budget reviews)
 * keeps improving for a hundred rounds. Blocks: run it on a training thread.
 */
public final class BoosterTrainer {

  private final int threads;

  /**
   * @param threads threads xgboost uses per training
   */
  public BoosterTrainer(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.threads = threads;
  }

  /**
   * The trained model with its validation metrics.
   *
   * @throws IllegalArgumentException when the labels are not 0/1, a side of the split holds one
   *     class only, or a feature is infinite
   * @throws CancellationException when {@code progress} says the job was cancelled
   */
  public TrainedModel train(TrainingData data, TrainingParams params, JobProgress progress)
      throws XGBoostError {
    long start = System.nanoTime();
    int features = data.featureNames().size();
    int validationRows = data.validationRows();
    int trainRows = data.rowCount() - validationRows;
    checkFeatures(data.rows());
    float[] trainLabels = Arrays.copyOfRange(data.labels(), 0, trainRows);
    float[] validationLabels = Arrays.copyOfRange(data.labels(), trainRows, data.rowCount());
    checkClasses(trainLabels, "training");
    checkClasses(validationLabels, "validation");

    DMatrix train = matrix(data.rows(), 0, trainRows, features, trainLabels);
    DMatrix validation =
        matrix(data.rows(), trainRows, data.rowCount(), features, validationLabels);
    Booster booster = null;
    try {
      booster =
          XGBoost.train(train, parameters(params), 0, Map.of("valid", validation), null, null);
      byte[] best = fit(booster, train, validation, params, progress);
      Booster kept = Boosters.load(best, threads);
      try {
        double[] scores = scores(kept, data.rows(), trainRows, data.rowCount(), features);
        TrainingMetrics metrics =
            new TrainingMetrics(
                ClassifierMetrics.rocAuc(scores, validationLabels),
                ClassifierMetrics.prAuc(scores, validationLabels),
                kept.getNumBoostedRound(),
                trainRows,
                validationRows,
                (System.nanoTime() - start) / 1_000_000);
        progress.update(1.0, summary(metrics));
        return new TrainedModel(best, data.featureNames(), metrics);
      } finally {
        kept.dispose();
      }
    } finally {
      if (booster != null) {
        booster.dispose();
      }
      train.dispose();
      validation.dispose();
    }
  }

  /** Boosts round by round; returns the saved model of the best validation round. */
  private static byte[] fit(
      Booster booster,
      DMatrix train,
      DMatrix validation,
      TrainingParams params,
      JobProgress progress)
      throws XGBoostError {
    DMatrix[] watched = {validation};
    String[] names = {"valid"};
    double bestPrAuc = Double.NEGATIVE_INFINITY;
    int bestRound = -1;
    byte[] best = null;
    for (int round = 0; round < params.maxRounds(); round++) {
      if (progress.cancelled()) {
        throw new CancellationException("training cancelled after " + round + " rounds");
      }
      booster.update(train, round);
      double prAuc = evaluated(booster.evalSet(watched, names, round));
      if (prAuc > bestPrAuc) {
        bestPrAuc = prAuc;
        bestRound = round;
        best = Boosters.serialize(booster);
      }
      progress.update(
          (round + 1.0) / params.maxRounds(),
          String.format(
              Locale.ROOT,
              "round %d of %d: validation PR-AUC %.4f (best %.4f at round %d)",
              round + 1,
              params.maxRounds(),
              prAuc,
              bestPrAuc,
              bestRound + 1));
      if (round - bestRound >= params.earlyStoppingRounds()) {
        break;
      }
    }
    return best;
  }

  /** The metric of an {@code evalSet} line such as {@code [3]\tvalid-aucpr:0.6512}. */
  private static double evaluated(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(':') + 1).trim());
  }

  private Map<String, Object> parameters(TrainingParams params) {
    return Map.of(
        "objective",
        "binary:logistic",
        "eval_metric",
        "aucpr",
        "tree_method",
        "hist",
        "max_depth",
        params.maxDepth(),
        "eta",
        params.learningRate(),
        "scale_pos_weight",
        params.positiveWeight(),
        "nthread",
        threads,
        "seed",
        0,
        "verbosity",
        0);
  }

  private static DMatrix matrix(float[] rows, int from, int to, int features, float[] labels)
      throws XGBoostError {
    float[] values = Arrays.copyOfRange(rows, from * features, to * features);
    DMatrix matrix = new DMatrix(values, to - from, features, Float.NaN);
    matrix.setLabel(labels);
    return matrix;
  }

  private static double[] scores(Booster booster, float[] rows, int from, int to, int features)
      throws XGBoostError {
    float[] values = Arrays.copyOfRange(rows, from * features, to * features);
    float[][] predicted = Boosters.predict(booster, values, to - from, features);
    double[] scores = new double[predicted.length];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = predicted[i][0];
    }
    return scores;
  }

  private static void checkFeatures(float[] rows) {
    for (int i = 0; i < rows.length; i++) {
      if (Float.isInfinite(rows[i])) {
        throw new IllegalArgumentException(
            "value " + i + " is infinite: a feature is a finite number or NaN (missing)");
      }
    }
  }

  private static void checkClasses(float[] labels, String side) {
    int positives = 0;
    for (float label : labels) {
      if (label != 0 && label != 1) {
        throw new IllegalArgumentException("labels must be 0 or 1, got " + label);
      }
      positives += (int) label;
    }
    if (positives == 0 || positives == labels.length) {
      throw new IllegalArgumentException(
          "the "
              + side
              + " rows hold one class only ("
              + (positives == 0 ? "no positives" : "no negatives")
              + "): a classifier needs both");
    }
  }

  private static String summary(TrainingMetrics metrics) {
    return String.format(
        Locale.ROOT,
        "trained %d rounds in %d ms: validation ROC-AUC %.4f, PR-AUC %.4f",
        metrics.rounds(),
        metrics.trainingMillis(),
        metrics.rocAuc(),
        metrics.prAuc());
  }
}
