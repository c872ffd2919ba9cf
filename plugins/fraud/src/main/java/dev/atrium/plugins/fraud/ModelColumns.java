package dev.atrium.plugins.fraud;

import java.util.List;

/** Feature vectors as a model's columns. */
final class ModelColumns {
  private ModelColumns() {}

  /** The features named by {@code columns}, in that order ({@code NaN} for a name unknown here). */
  static float[] row(double[] features, List<String> columns) {
    float[] row = new float[columns.size()];
    for (int i = 0; i < row.length; i++) {
      int at = Feature.NAMES.indexOf(columns.get(i));
      row[i] = at < 0 ? Float.NaN : (float) features[at];
    }
    return row;
  }
}
