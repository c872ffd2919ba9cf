package dev.atrium.plugin.api.tabular;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Labelled rows for {@link TabularModels#train}, in time order: the last {@code validationRows}
 * rows are held out for validation (a time-based split), the rest train.
 *
 * @param featureNames one name per column
 * @param rows row-major features, {@code rowCount * featureNames.size()} values ({@code NaN} =
 *     missing)
 * @param labels one label per row, 0 or 1
 * @param validationRows how many of the newest rows validate
 */
public record TrainingData(
    List<String> featureNames, float[] rows, float[] labels, int validationRows) {

  public TrainingData {
    featureNames = List.copyOf(requireNonNull(featureNames, "featureNames is null"));
    requireNonNull(rows, "rows is null");
    requireNonNull(labels, "labels is null");
    if (featureNames.isEmpty() || rows.length != labels.length * featureNames.size()) {
      throw new IllegalArgumentException(
          "rows must hold one value per feature for each of the " + labels.length + " labels");
    }
    if (validationRows < 1 || validationRows >= labels.length) {
      throw new IllegalArgumentException(
          "validationRows must leave at least one row on each side of the split");
    }
  }

  /** The number of rows. */
  public int rowCount() {
    return labels.length;
  }
}
