package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.Billing;
import dev.atrium.billing.RateDecision;
import dev.atrium.http.RequestGate;
import dev.atrium.http.RequestId;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Problem;
import dev.atrium.shared.Reply;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The admission step of every API-key route, after authentication and before the handler: the
 * plan's token buckets per key and per tenant (429 {@code rate_limited} with {@code Retry-After}),
 * its maximum concurrency (429 {@code concurrency_limited}) and a reservation of the request
 * against the {@code requests} hard limit (402 {@code quota_exceeded}). Every response carries
 * {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset}. Then a {@link
 * RequestMeter} is attached for the handler. A request with an {@code Idempotency-Key} claims it
 * first ({@link IdempotentRequests}): a retry of an answered request gets the stored answer, which
 * is neither run nor billed again.
 */
public final class Admission implements RequestGate {
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[\\x21-\\x7E]{1,200}$");

  private final Billing billing;
  private final IdempotentRequests idempotent;

  public Admission(Billing billing, IdempotentRequests idempotent) {
    this.billing = requireNonNull(billing, "billing is null");
    this.idempotent = requireNonNull(idempotent, "idempotent is null");
  }

  @Override
  public Future<Optional<Reply>> admit(RoutingContext ctx, Principal principal, boolean metered) {
    String idempotencyKey = ctx.request().getHeader("Idempotency-Key");
    if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
      return Future.failedFuture(
          Problem.badRequest(
              "invalid_idempotency_key",
              "Idempotency-Key must be 1 to 200 visible ASCII characters."));
    }
    String base = idempotencyKey == null ? "req:" + RequestId.of(ctx) : "idem:" + idempotencyKey;
    UUID tenantId = principal.tenantId();
    return Future.fromCompletionStage(
            billing.plans().planOf(tenantId), ctx.vertx().getOrCreateContext())
        .compose(
            plan -> {
              RateDecision decision =
                  billing.rateLimiter().admit(tenantId, principal.keyId(), plan.rateLimits());
              ctx.response()
                  .putHeader("RateLimit-Limit", Long.toString(decision.limit()))
                  .putHeader("RateLimit-Remaining", Long.toString(decision.remaining()))
                  .putHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
              if (!decision.allowed()) {
                throw Problem.tooManyRequests(
                    "rate_limited",
                    "Rate limit reached ("
                        + decision.reason()
                        + " of the "
                        + plan.name()
                        + " plan); retry after "
                        + decision.retryAfterSeconds()
                        + " s.",
                    decision.retryAfterSeconds());
              }
              if (!billing.concurrency().tryEnter(tenantId, plan.maxConcurrency())) {
                throw Problem.tooManyRequests(
                    "concurrency_limited",
                    "The "
                        + plan.name()
                        + " plan allows "
                        + plan.maxConcurrency()
                        + " requests at a time; retry when one has finished.",
                    1);
              }
              RequestMeter meter = new RequestMeter(billing, ctx, principal, plan, base);
              meter.attach();
              ctx.addEndHandler(v -> meter.close());
              if (idempotencyKey == null) {
                return reserve(meter, metered).map(Optional.<Reply>empty());
              }
              return idempotent
                  .claim(ctx, principal, idempotencyKey)
                  .compose(
                      claim -> {
                        if (claim.replay().isPresent()) {
                          return Future.succeededFuture(claim.replay());
                        }
                        meter.claimed(claim);
                        return reserve(meter, metered)
                            .onFailure(refused -> claim.release())
                            .map(Optional.<Reply>empty());
                      });
            });
  }

  /**
   * Commits the request's usage through its {@link RequestMeter} (see {@link RequestMeter#finish}).
   */
  @Override
  public Future<Reply> settle(RoutingContext ctx, AsyncResult<Reply> outcome) {
    return RequestMeter.finish(ctx, outcome);
  }

  private static Future<Void> reserve(RequestMeter meter, boolean metered) {
    return metered ? meter.reserveRequest() : Future.succeededFuture();
  }
}
