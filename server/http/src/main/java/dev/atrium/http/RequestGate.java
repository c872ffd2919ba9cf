package dev.atrium.http;

import dev.atrium.shared.Principal;
import dev.atrium.shared.Reply;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * What every API-key route passes through around its handler, in this order: {@link #admit} after
 * authentication, the handler, then {@link #settle} before the answer is written. Billing provides
 * it (rate limits, concurrency, reservations, the {@code Idempotency-Key} replay, one usage entry
 * per request); {@link ApiRoutes} applies it to platform and plugin routes alike.
 */
public interface RequestGate {

  /**
   * Admits the request of {@code principal}; answers the stored reply when it is the retry of an
   * answered request (sent instead of running the handler), else empty. {@code metered} routes
   * count on the {@code requests} meter.
   */
  Future<Optional<Reply>> admit(RoutingContext ctx, Principal principal, boolean metered);

  /**
   * After the handler: commits the request's usage when the answer is a success (nothing for a 4xx
   * or 5xx answer) and passes the outcome on once that usage is durable.
   */
  Future<Reply> settle(RoutingContext ctx, AsyncResult<Reply> outcome);
}
