package dev.atrium.inference.tabular;

import java.io.IOException;
import java.io.UncheckedIOException;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** How Atrium saves, loads and calls xgboost boosters, in one place for training and serving. */
public final class Boosters {

  /** The format of saved models: xgboost's universal binary JSON. */
  public static final String FORMAT = "ubj";

  private Boosters() {}

  /** A booster from saved bytes, computing with {@code threads} threads per call. */
  public static Booster load(byte[] bytes, int threads) throws XGBoostError {
    try {
      Booster booster = XGBoost.loadModel(bytes);
      booster.setParam("nthread", threads);
      return booster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes {@link #load} reads. */
  public static byte[] serialize(Booster booster) throws XGBoostError {
    return booster.toByteArray(FORMAT);
  }

  /**
   * The booster's predictions (probabilities, one array of one per row) for {@code rows} row-major
   * rows of {@code features} values, in one call.
   */
  public static float[][] predict(Booster booster, float[] values, int rows, int features)
      throws XGBoostError {
    DMatrix matrix = new DMatrix(values, rows, features, Float.NaN);
    try {
      return booster.predict(matrix);
    } finally {
      matrix.dispose();
    }
  }
}
