package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.http.ApiRoutes;
import dev.atrium.http.ProblemHandler;
import dev.atrium.http.RequestGate;
import dev.atrium.http.RequestId;
import dev.atrium.persistence.requests.RequestLogEntry;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Reply;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The {@link RequestGate} of API-key routes with a line in the {@link RequestLog} for each request
 * it admits or refuses: when the response has ended, its time, key, route template, status,
 * latency, and the tokens and list-price cost of the usage it committed (zero for an error answer,
 * which is billed nothing). Only queues the line: the request never waits for the log.
 */
public final class RequestLogGate implements RequestGate {
  private final RequestGate gate;
  private final RequestLog log;
  private final Clock clock;

  public RequestLogGate(RequestGate gate, RequestLog log, Clock clock) {
    this.gate = requireNonNull(gate, "gate is null");
    this.log = requireNonNull(log, "log is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public Future<Optional<Reply>> admit(RoutingContext ctx, Principal principal, boolean metered) {
    OffsetDateTime at = OffsetDateTime.now(clock);
    long started = System.nanoTime();
    ctx.addEndHandler(ended -> log.add(line(ctx, principal, at, System.nanoTime() - started)));
    return gate.admit(ctx, principal, metered);
  }

  @Override
  public Future<Reply> settle(RoutingContext ctx, AsyncResult<Reply> outcome) {
    return gate.settle(ctx, outcome);
  }

  private static RequestLogEntry line(
      RoutingContext ctx, Principal principal, OffsetDateTime at, long nanos) {
    RequestMeter meter = RequestMeter.find(ctx);
    int status = ctx.response().getStatusCode();
    boolean success = status < 400;
    return new RequestLogEntry(
        principal.tenantId(),
        RequestId.of(ctx),
        at,
        principal.keyId(),
        ctx.request().method().name(),
        ApiRoutes.template(ctx),
        status,
        nanos / 1_000,
        meter == null || !success ? 0 : meter.committedTokens(),
        meter == null || !success ? BigDecimal.ZERO : meter.committedCost(),
        success ? null : ctx.get(ProblemHandler.PROBLEM_CODE));
  }
}
