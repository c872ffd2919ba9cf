package dev.atrium.plugin.api.inference;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Score rows of features with a tabular model (gradient-boosted trees a plugin trained and
 * registered). Since SDK 1.5.0.
 *
 * @param tenantId the tenant on whose behalf this runs
 * @param modelId the model; tabular models are always named
 * @param rows the feature rows, each as long as the model's feature count ({@code NaN} = missing)
 * @param explain whether to compute each feature's signed contribution (tree SHAP) per row
 * @param priority order among this tenant's own waiting requests
 * @param deadline when the answer stops being useful
 */
public record TabularRequest(
    String tenantId,
    Optional<String> modelId,
    List<float[]> rows,
    boolean explain,
    Priority priority,
    Instant deadline)
    implements InferenceRequest<TabularResult> {

  public TabularRequest {
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(modelId, "modelId is null");
    rows = List.copyOf(requireNonNull(rows, "rows is null"));
    requireNonNull(priority, "priority is null");
    requireNonNull(deadline, "deadline is null");
    if (modelId.isEmpty()) {
      throw new InvalidInputException("a tabular request names its model");
    }
  }

  /** A normal-priority request for {@code model}, due within {@code timeout} from now. */
  public static TabularRequest of(
      String tenantId, String model, List<float[]> rows, boolean explain, Duration timeout) {
    return new TabularRequest(
        tenantId, Optional.of(model), rows, explain, Priority.NORMAL, Instant.now().plus(timeout));
  }

  @Override
  public Task task() {
    return Task.TABULAR_SCORING;
  }
}
