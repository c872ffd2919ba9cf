package dev.atrium.plugin.api.inference;

import java.time.Instant;
import java.util.Optional;

/**
 * One unit of work for the shared inference pool, on behalf of one tenant.
 *
 * @param <R> the result type of this task
 */
public sealed interface InferenceRequest<R extends InferenceResult>
    permits EmbeddingRequest, GenerationRequest, TabularRequest {

  /** The tenant that pays for and is throttled for this request. */
  String tenantId();

  /** The model to use; when empty the pool routes by task (and for text, by language). */
  Optional<String> modelId();

  /** Order among the same tenant's waiting requests. */
  Priority priority();

  /** After this instant the request is useless: it is dropped, not computed. */
  Instant deadline();

  /** The task this request belongs to. */
  Task task();
}
