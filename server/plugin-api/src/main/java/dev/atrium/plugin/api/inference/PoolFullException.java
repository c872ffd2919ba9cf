package dev.atrium.plugin.api.inference;

import java.time.Duration;

/** The model's queue holds {@code job_queue_size} jobs already: HTTP 503 with Retry-After. */
public final class PoolFullException extends CapacityExceededException {

  private static final long serialVersionUID = 1L;

  public PoolFullException(String modelId, Duration retryAfter) {
    super("queue of model '" + modelId + "' is full", modelId, retryAfter);
  }
}
