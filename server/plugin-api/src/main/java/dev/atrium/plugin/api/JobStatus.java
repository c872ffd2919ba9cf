package dev.atrium.plugin.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of a background job.
 *
 * @param progress from 0 to 1
 * @param message the job's latest message
 * @param error why it failed (the exception's message), for {@link State#FAILED}
 */
public record JobStatus(
    String id,
    String tenantId,
    String name,
    State state,
    double progress,
    String message,
    Instant submittedAt,
    Optional<Instant> finishedAt,
    Optional<String> error) {

  /** Where a job is in its life. */
  public enum State {
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED
  }

  public JobStatus {
    requireNonNull(id, "id is null");
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(name, "name is null");
    requireNonNull(state, "state is null");
    requireNonNull(message, "message is null");
    requireNonNull(submittedAt, "submittedAt is null");
    requireNonNull(finishedAt, "finishedAt is null");
    requireNonNull(error, "error is null");
  }
}
