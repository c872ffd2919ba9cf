package dev.atrium.billing.http;

import dev.atrium.http.ProblemHandler;
import dev.atrium.shared.Problem;
import dev.atrium.shared.Reply;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * One request's outcome of {@link IdempotentRequests#claim}: either the stored answer to replay, or
 * the key held by this request until {@link #settle} stores its answer or lets go of the key.
 */
final class IdempotencyClaim {
  private final IdempotentRequests requests;
  private final UUID tenantId;
  private final String key;
  private final UUID claim;
  private final OffsetDateTime firstAttempt;
  private final Reply replay;

  private IdempotencyClaim(
      IdempotentRequests requests,
      UUID tenantId,
      String key,
      UUID claim,
      OffsetDateTime firstAttempt,
      Reply replay) {
    this.requests = requests;
    this.tenantId = tenantId;
    this.key = key;
    this.claim = claim;
    this.firstAttempt = firstAttempt;
    this.replay = replay;
  }

  static IdempotencyClaim held(
      IdempotentRequests requests,
      UUID tenantId,
      String key,
      UUID claim,
      OffsetDateTime firstAttempt) {
    return new IdempotencyClaim(requests, tenantId, key, claim, firstAttempt, null);
  }

  static IdempotencyClaim replay(Reply reply) {
    return new IdempotencyClaim(null, null, null, null, null, reply);
  }

  Optional<Reply> replay() {
    return Optional.ofNullable(replay);
  }

  /**
   * The base of this request's usage keys: the key and its first attempt, so the attempts of one
   * request bill once, and the key reused after its answer expired bills anew.
   */
  String usageBase() {
    return "idem:" + key + "@" + firstAttempt.toInstant().toEpochMilli();
  }

  /** Lets go of the key: the request was refused before it ran. */
  void release() {
    requests.release(tenantId, key, claim);
  }

  /**
   * After the request's usage is committed: the handler's answer is stored, as Stripe does, when it
   * is a success (the client paid for it and gets it on a retry even if it has gone away) or a
   * client error that a retry of the same request would meet again ({@link #replayable}); a stream
   * is marked as not replayable. A server error, an answer a retry may not meet again (402, 408,
   * 409, 429), a stream that failed, or a request {@code abandoned} by its client before its usage
   * was committed (so nothing was billed) frees the key for the next attempt. The outcome passes on
   * once that is written.
   */
  Future<Reply> settle(RoutingContext ctx, AsyncResult<Reply> outcome, boolean abandoned) {
    Future<Void> written;
    boolean streamed = ctx.response().headWritten();
    if (abandoned || (outcome.failed() && streamed)) {
      written = requests.release(tenantId, key, claim);
    } else if (outcome.succeeded() && (outcome.result() == null || streamed)) {
      written = requests.markStreamed(tenantId, key, claim, ctx.response().getStatusCode());
    } else {
      Reply answer = answer(ctx, outcome);
      written =
          answer != null && replayable(answer.status())
              ? requests.store(tenantId, key, claim, answer)
              : requests.release(tenantId, key, claim);
    }
    return written.transform(
        v ->
            outcome.succeeded()
                ? Future.succeededFuture(outcome.result())
                : Future.failedFuture(outcome.cause()));
  }

  /**
   * The reply a finished, unstreamed {@code outcome} is written as: its own, or its problem's; null
   * for a failure that is not a problem (an internal error).
   */
  private static Reply answer(RoutingContext ctx, AsyncResult<Reply> outcome) {
    if (outcome.succeeded()) {
      return outcome.result();
    }
    return outcome.cause() instanceof Problem problem ? ProblemHandler.reply(ctx, problem) : null;
  }

  /**
   * Whether an answer with {@code status} is kept for retries: 2xx, and 4xx except those that say
   * "not now" (402 quota or budget, 408 timeout, 409 conflict, 429 limits) rather than "not this".
   */
  static boolean replayable(int status) {
    return status / 100 == 2
        || (status / 100 == 4 && status != 402 && status != 408 && status != 409 && status != 429);
  }
}
