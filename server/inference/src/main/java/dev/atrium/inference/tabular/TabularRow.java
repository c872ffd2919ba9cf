package dev.atrium.inference.tabular;

import static java.util.Objects.requireNonNull;

/**
 * One row to score, the unit a tabular pool batches: rows of many requests are scored in one model
 * call.
 *
 * @param values the features in the model's order ({@code NaN} = missing)
 * @param explain whether its feature contributions are wanted
 */
public record TabularRow(float[] values, boolean explain) {

  public TabularRow {
    requireNonNull(values, "values is null");
  }
}
