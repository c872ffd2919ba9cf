package dev.atrium.http;

import dev.atrium.shared.Reply;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * A route's logic: reads the request, answers a {@link Reply} (or fails with a {@link
 * dev.atrium.shared.Problem}). A handler that writes a streaming response itself answers null, or a
 * reply holding the end of the stream, which is written once the request's usage is committed (see
 * {@link ApiRoutes}).
 */
@FunctionalInterface
public interface ApiHandler {
  Future<Reply> handle(RoutingContext ctx);
}
