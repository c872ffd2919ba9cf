package dev.atrium.inference.tabular;

import static java.util.Objects.requireNonNull;

import dev.atrium.inference.runner.LoadedModel;
import dev.atrium.inference.runner.ModelRunner;
import dev.atrium.plugin.api.inference.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A tree model loaded for one pool: its bytes, from which each worker loads a booster of its own,
 * and its feature count, against which every request's rows are checked before they are queued.
 */
final class XgboostModel implements LoadedModel<TabularRow, TabularScore> {

  private final String id;
  private final byte[] bytes;
  private final int threads;
  private final int features;

  XgboostModel(String id, byte[] bytes, int threads) throws XGBoostError {
    this.id = requireNonNull(id, "id is null");
    this.bytes = requireNonNull(bytes, "bytes is null");
    this.threads = threads;
    Booster probe = Boosters.load(bytes, 1);
    try {
      this.features = Math.toIntExact(probe.getNumFeature());
    } finally {
      probe.dispose();
    }
  }

  @Override
  public ModelRunner<TabularRow, TabularScore> newRunner() throws XGBoostError {
    return new XgboostRunner(Boosters.load(bytes, threads), features);
  }

  @Override
  public List<TabularRow> warmUpInput() {
    float[] missing = new float[features];
    Arrays.fill(missing, Float.NaN);
    return List.of(new TabularRow(missing, true));
  }

  /** Each row holds one value per feature, each a finite number or NaN (missing). */
  @Override
  public void validate(List<TabularRow> rows) {
    if (rows.isEmpty()) {
      throw new InvalidInputException("rows must hold at least one row");
    }
    for (int r = 0; r < rows.size(); r++) {
      float[] values = rows.get(r).values();
      if (values.length != features) {
        throw new InvalidInputException(
            "row "
                + r
                + " has "
                + values.length
                + " values; model '"
                + id
                + "' takes "
                + features
                + " features");
      }
      for (int f = 0; f < values.length; f++) {
        if (Float.isInfinite(values[f])) {
          throw new InvalidInputException(
              "row "
                  + r
                  + ", feature "
                  + f
                  + " is infinite: a feature is a finite number or NaN (missing)");
        }
      }
    }
  }

  @Override
  public void close() {
    // The workers' boosters are freed with their runners; the bytes are garbage collected.
  }
}
