package dev.atrium.inference.tabular;

import static java.util.Objects.requireNonNull;

/**
 * What a tabular model computed for one row.
 *
 * @param probability the positive class's probability
 * @param contributions each feature's contribution to the log-odds, then the bias; empty when the
 *     row did not ask
 */
public record TabularScore(double probability, float[] contributions) {

  public TabularScore {
    requireNonNull(contributions, "contributions is null");
  }
}
