package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.db.Db;
import dev.atrium.persistence.idempotency.IdempotencyRepository;
import dev.atrium.persistence.idempotency.IdempotencyRepository.Claimed;
import dev.atrium.persistence.idempotency.IdempotentRequest;
import dev.atrium.persistence.idempotency.StoredAnswer;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Problem;
import dev.atrium.shared.Reply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stripe-style idempotent retries for API-key requests that carry an {@code Idempotency-Key}: the
 * key names one request of the tenant (its API key, method, path and body). The first request
 * claims the key and runs; its answer is stored for {@code ttl} and replayed to every retry of the
 * same request, which is not run and not billed again. A retry while the first still runs gets 409
 * {@code idempotency_key_in_use}; the key sent with another request 422 {@code
 * idempotency_key_reused}; a key whose answer was a stream 409 {@code stream_not_replayable}. Which
 * answers are kept is {@link IdempotencyClaim#settle}'s rule: successes and the client errors a
 * retry would meet again; a server error stores nothing (and bills nothing), so the key is free for
 * the next attempt.
 */
public final class IdempotentRequests {
  private static final Logger LOG = LoggerFactory.getLogger(IdempotentRequests.class);

  private final Db db;
  private final Clock clock;
  private final Duration ttl;
  private final Duration lock;

  /**
   * {@code ttl}: how long an answer is replayed; {@code lock}: how long a first request holds its
   * key before a retry may take it over (longer than any request runs).
   */
  public IdempotentRequests(Db db, Clock clock, Duration ttl, Duration lock) {
    this.db = requireNonNull(db, "db is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.ttl = requireNonNull(ttl, "ttl is null");
    this.lock = requireNonNull(lock, "lock is null");
  }

  /** Claims {@code key} for this request, or answers the stored reply, or refuses. */
  Future<IdempotencyClaim> claim(RoutingContext ctx, Principal principal, String key) {
    String fingerprint = RequestFingerprint.of(ctx, principal);
    UUID tenantId = principal.tenantId();
    OffsetDateTime now = OffsetDateTime.now(clock);
    return db.read(
            dsl -> {
              Claimed claimed =
                  new IdempotencyRepository(dsl).claim(tenantId, key, fingerprint, now, lock, ttl);
              if (claimed.held()) {
                // A claim lost to a crash would let a retry run and bill the request again beside
                // the usage its first attempt journaled: it must be durable before the request
                // runs.
                db.database().persistCommits();
              }
              return claimed;
            })
        .recover(
            failure -> {
              LOG.warn("Idempotency-Key store unavailable: {}", failure.toString());
              return Future.failedFuture(
                  new Problem(
                      503,
                      "idempotency_unavailable",
                      "Idempotency-Key requests cannot be checked right now; retry shortly.",
                      Map.of("Retry-After", "1")));
            })
        .map(
            claimed ->
                claimed.held()
                    ? IdempotencyClaim.held(
                        this, tenantId, key, claimed.claim(), claimed.createdAt())
                    : IdempotencyClaim.replay(
                        replayOrRefuse(fingerprint, claimed.existing().get())));
  }

  private static Reply replayOrRefuse(String fingerprint, IdempotentRequest first) {
    if (!first.fingerprint().equals(fingerprint)) {
      throw new Problem(
          422,
          "idempotency_key_reused",
          "This Idempotency-Key was used with another request (API key, method, path or body);"
              + " send a new key for a new request.");
    }
    return switch (first.state()) {
      case IN_FLIGHT ->
          throw new Problem(
              409,
              "idempotency_key_in_use",
              "The first request with this Idempotency-Key is still running; retry when it has"
                  + " finished to get its answer.",
              Map.of("Retry-After", "1"));
      case STREAMED ->
          throw new Problem(
              409,
              "stream_not_replayable",
              "The first request with this Idempotency-Key was answered with a stream, which cannot"
                  + " be replayed; send a new key to run the request again.");
      case STORED -> replay(first.answer().orElseThrow());
    };
  }

  private static Reply replay(StoredAnswer answer) {
    Map<String, String> headers = new LinkedHashMap<>();
    new JsonObject(answer.headersJson())
        .forEach(e -> headers.put(e.getKey(), (String) e.getValue()));
    headers.put("Idempotent-Replayed", "true");
    return new Reply(
        answer.status(),
        answer.body() == null ? null : Buffer.buffer(answer.body()),
        answer.contentType(),
        headers);
  }

  /** Deletes the answers past their time. */
  public Future<Integer> purgeExpired() {
    OffsetDateTime now = OffsetDateTime.now(clock);
    return db.read(dsl -> new IdempotencyRepository(dsl).purgeExpired(now));
  }

  Future<Void> store(UUID tenantId, String key, UUID claim, Reply reply) {
    StoredAnswer answer =
        new StoredAnswer(
            reply.status(),
            reply.contentType(),
            new JsonObject(new LinkedHashMap<>(reply.headers())).encode(),
            reply.body() == null ? null : reply.body().getBytes());
    return write(dsl -> new IdempotencyRepository(dsl).store(tenantId, key, claim, answer));
  }

  Future<Void> markStreamed(UUID tenantId, String key, UUID claim, int status) {
    return write(dsl -> new IdempotencyRepository(dsl).markStreamed(tenantId, key, claim, status));
  }

  Future<Void> release(UUID tenantId, String key, UUID claim) {
    return write(dsl -> new IdempotencyRepository(dsl).release(tenantId, key, claim));
  }

  /**
   * A write after the answer is known. Its failure is logged, never passed on: the client gets its
   * answer; a retry then waits out the lock and runs again, billed once by its usage keys.
   */
  private Future<Void> write(Function<DSLContext, Boolean> work) {
    return db.read(work)
        .otherwise(
            failure -> {
              LOG.warn("Could not update an Idempotency-Key: {}", failure.toString());
              return false;
            })
        .mapEmpty();
  }
}
