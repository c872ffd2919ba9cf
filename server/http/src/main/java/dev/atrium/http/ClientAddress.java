package dev.atrium.http;

import io.vertx.ext.web.RoutingContext;

/** The caller's address as audit entries record it. */
public final class ClientAddress {
  private ClientAddress() {}

  /** The host address the request came from, or null when the connection does not say. */
  public static String of(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null
        ? null
        : ctx.request().remoteAddress().hostAddress();
  }
}
