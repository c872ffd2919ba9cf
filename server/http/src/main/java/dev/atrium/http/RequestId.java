package dev.atrium.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * The id of one HTTP request: a time-ordered UUID given to every request as it arrives, sent back
 * in the {@value #HEADER} response header and in every problem body (the {@code requestId}
 * extension member), and the key of the request's log line, its usage events and its plugin logs.
 */
public final class RequestId {
  public static final String HEADER = "X-Request-Id";
  private static final String CONTEXT_KEY = "atrium.requestId";
  private static final TimeOrderedIds IDS = new TimeOrderedIds(System::currentTimeMillis);

  private RequestId() {}

  /** Gives the request its id (the router's first handler) and names it in the response. */
  public static void assign(RoutingContext ctx) {
    UUID id = IDS.next();
    ctx.put(CONTEXT_KEY, id);
    ctx.response().putHeader(HEADER, id.toString());
  }

  /** The id of the request {@code ctx} handles. */
  public static UUID of(RoutingContext ctx) {
    UUID id = ctx.get(CONTEXT_KEY);
    if (id == null) {
      throw new IllegalStateException("the request has no id: RequestId.assign runs first");
    }
    return id;
  }

  /**
   * The id named in {@code response}, given one now if it has none (a request refused before it was
   * routed: its request line or headers could not be read).
   */
  static String of(HttpServerResponse response) {
    String id = response.headers().get(HEADER);
    if (id == null) {
      id = IDS.next().toString();
      response.putHeader(HEADER, id);
    }
    return id;
  }
}
