package dev.atrium.plugin.api.inference;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The scores for a {@link TabularRequest}, in row order. The arrays are the caller's to keep.
 *
 * @param modelId the model that scored
 * @param scores one probability in [0, 1] per row
 * @param contributions when explained, one array per row with each feature's signed contribution to
 *     the log-odds followed by the bias (so an array is one longer than a row and sums to the row's
 *     log-odds); empty when not asked for
 * @param usage {@code items} is the row count
 */
public record TabularResult(
    String modelId, double[] scores, List<float[]> contributions, Usage usage)
    implements InferenceResult {

  public TabularResult {
    requireNonNull(modelId, "modelId is null");
    requireNonNull(scores, "scores is null");
    contributions = List.copyOf(requireNonNull(contributions, "contributions is null"));
    requireNonNull(usage, "usage is null");
  }
}
