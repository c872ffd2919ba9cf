package dev.atrium.persistence.idempotency;

import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * What is remembered of the first request made with one idempotency key of a tenant: which request
 * it was ({@code fingerprint}), who holds it while it runs ({@code claim}, until {@code
 * lockedUntil}), and once it has been answered, the answer to replay.
 */
public record IdempotentRequest(
    String fingerprint,
    State state,
    UUID claim,
    OffsetDateTime createdAt,
    OffsetDateTime lockedUntil,
    OffsetDateTime expiresAt,
    Optional<StoredAnswer> answer) {

  /** Where the first request is. */
  public enum State {
    /** Still running (or its server died: then taken over once {@code lockedUntil} passed). */
    IN_FLIGHT,
    /** Answered; the answer is stored. */
    STORED,
    /** Answered with a stream, which is not stored and cannot be replayed. */
    STREAMED
  }

  public IdempotentRequest {
    requireNonNull(fingerprint, "fingerprint is null");
    requireNonNull(state, "state is null");
    requireNonNull(claim, "claim is null");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(lockedUntil, "lockedUntil is null");
    requireNonNull(expiresAt, "expiresAt is null");
    requireNonNull(answer, "answer is null");
  }
}
