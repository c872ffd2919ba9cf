package dev.atrium.plugin.api.inference;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Embed texts with one model. All vectors of one request come from the same model.
 *
 * @param tenantId the tenant on whose behalf this runs
 * @param modelId the model; empty to route by language (Chinese text to the Chinese model)
 * @param inputs the texts, at least one; long texts are truncated to the model's maximum length
 * @param priority order among this tenant's own waiting requests
 * @param deadline when the answer stops being useful
 */
public record EmbeddingRequest(
    String tenantId,
    Optional<String> modelId,
    List<String> inputs,
    Priority priority,
    Instant deadline)
    implements InferenceRequest<EmbeddingResult> {

  public EmbeddingRequest {
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(modelId, "modelId is null");
    inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
    requireNonNull(priority, "priority is null");
    requireNonNull(deadline, "deadline is null");
  }

  /** A normal-priority request routed by language, due within {@code timeout} from now. */
  public static EmbeddingRequest of(String tenantId, List<String> inputs, Duration timeout) {
    return new EmbeddingRequest(
        tenantId, Optional.empty(), inputs, Priority.NORMAL, Instant.now().plus(timeout));
  }

  /** This request sent to a given model. */
  public EmbeddingRequest withModel(String model) {
    return new EmbeddingRequest(tenantId, Optional.of(model), inputs, priority, deadline);
  }

  @Override
  public Task task() {
    return Task.EMBEDDING;
  }
}
