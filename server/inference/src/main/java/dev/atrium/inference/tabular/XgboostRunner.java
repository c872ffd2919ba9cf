package dev.atrium.inference.tabular;

import static java.util.Objects.requireNonNull;

import dev.atrium.inference.runner.Computed;
import dev.atrium.inference.runner.ModelRunner;
import java.util.ArrayList;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * One worker's booster: a batch's rows go into one matrix, scored in one call; the rows that asked
 * for explanations get their tree-SHAP contributions from a second call on those rows only.
 */
final class XgboostRunner implements ModelRunner<TabularRow, TabularScore> {

  private static final float[] NONE = new float[0];

  private final Booster booster;
  private final int features;

  XgboostRunner(Booster booster, int features) {
    this.booster = requireNonNull(booster, "booster is null");
    this.features = features;
  }

  @Override
  public List<Computed<TabularScore>> run(List<TabularRow> rows) throws XGBoostError {
    float[] all = flatten(rows, false);
    float[][] probabilities = Boosters.predict(booster, all, rows.size(), features);
    float[][] contributions = explained(rows);
    List<Computed<TabularScore>> scores = new ArrayList<>(rows.size());
    int next = 0;
    for (int r = 0; r < rows.size(); r++) {
      float[] contribution = rows.get(r).explain() ? contributions[next++] : NONE;
      scores.add(new Computed<>(new TabularScore(probabilities[r][0], contribution), 0));
    }
    return scores;
  }

  /** The contributions of the rows that asked for them, in order. */
  private float[][] explained(List<TabularRow> rows) throws XGBoostError {
    float[] values = flatten(rows, true);
    if (values.length == 0) {
      return new float[0][];
    }
    DMatrix matrix = new DMatrix(values, values.length / features, features, Float.NaN);
    try {
      return booster.predictContrib(matrix, 0);
    } finally {
      matrix.dispose();
    }
  }

  /** The rows (or only those that want explaining) as one row-major array. */
  private float[] flatten(List<TabularRow> rows, boolean explainedOnly) {
    int count = 0;
    for (TabularRow row : rows) {
      count += !explainedOnly || row.explain() ? 1 : 0;
    }
    float[] values = new float[count * features];
    int offset = 0;
    for (TabularRow row : rows) {
      if (!explainedOnly || row.explain()) {
        System.arraycopy(row.values(), 0, values, offset, features);
        offset += features;
      }
    }
    return values;
  }

  @Override
  public void close() {
    booster.dispose();
  }
}
