package dev.atrium.plugin.api.inference;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Generate text with one generation model, on behalf of one tenant.
 *
 * @param tenantId the tenant on whose behalf this runs
 * @param modelId the model; empty for the catalog's default generation model
 * @param prompt the conversation or text to continue
 * @param sampling how tokens are picked and when generation stops
 * @param priority order among this tenant's own waiting requests
 * @param deadline generation stops here (finish reason {@link FinishReason#DEADLINE}); a request
 *     still waiting then is dropped
 */
public record GenerationRequest(
    String tenantId,
    Optional<String> modelId,
    Prompt prompt,
    Sampling sampling,
    Priority priority,
    Instant deadline)
    implements InferenceRequest<GenerationResult> {

  public GenerationRequest {
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(modelId, "modelId is null");
    requireNonNull(prompt, "prompt is null");
    requireNonNull(sampling, "sampling is null");
    requireNonNull(priority, "priority is null");
    requireNonNull(deadline, "deadline is null");
  }

  /** A normal-priority request to the default generation model, due within {@code timeout}. */
  public static GenerationRequest of(
      String tenantId, Prompt prompt, Sampling sampling, Duration timeout) {
    return new GenerationRequest(
        tenantId, Optional.empty(), prompt, sampling, Priority.NORMAL, Instant.now().plus(timeout));
  }

  /** This request sent to a given model. */
  public GenerationRequest withModel(String model) {
    return new GenerationRequest(
        tenantId, Optional.of(model), prompt, sampling, priority, deadline);
  }

  @Override
  public Task task() {
    return Task.GENERATION;
  }
}
