package dev.atrium.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.http.ConnectionLimits.Admission;
import dev.atrium.shared.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Guards one HTTP server instance (one event loop) against slow and greedy clients. Each new
 * connection is admitted against the shared {@link ConnectionLimits}; then one timer runs on it at
 * a time:
 *
 * <ul>
 *   <li>from opening until its first request line and headers are read: the header timeout;
 *   <li>from then until the request body is read: the body timeout (answered {@code 408} when no
 *       response has started);
 *   <li>from the end of a response until the next request's headers are read: the idle timeout.
 * </ul>
 *
 * <p>A connection whose timer runs out is closed. While the server works on a request no timer
 * runs; Vert.x's own idle timeout closes a connection on which no byte moves for that long.
 * Protocol errors and refused connections are answered with problems ({@link ProtocolErrors}).
 */
public final class ConnectionGuard {
  private final Vertx vertx;
  private final ConnectionPolicy policy;
  private final ConnectionLimits limits;
  private final Map<Closure, Counter> closed = new EnumMap<>(Closure.class);
  private final Map<HttpConnection, Watched> open = new HashMap<>();

  public ConnectionGuard(
      Vertx vertx, ConnectionPolicy policy, ConnectionLimits limits, MeterRegistry registry) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.policy = requireNonNull(policy, "policy is null");
    this.limits = requireNonNull(limits, "limits is null");
    for (Closure reason : Closure.values()) {
      closed.put(
          reason,
          Counter.builder("atrium.http.connections.closed")
              .description("Connections the server closed to protect itself, by reason")
              .tag("reason", reason.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
  }

  /** The server options this guard relies on: HTTP/1.1 only, and Vert.x's idle timeout. */
  public HttpServerOptions options(HttpServerOptions options) {
    return options
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeout((int) policy.idleTimeout().toSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
  }

  /** Puts the guard between {@code server} and {@code router}. */
  public HttpServer install(HttpServer server, Router router) {
    router.route().order(Integer.MIN_VALUE).handler(this::watchResponse);
    return server
        .connectionHandler(this::opened)
        .invalidRequestHandler(ProtocolErrors::answer)
        .requestHandler(request -> received(request, router));
  }

  private void opened(HttpConnection connection) {
    SocketAddress remote = connection.remoteAddress();
    String address = remote == null ? "" : remote.hostAddress();
    Admission admission = limits.admit(address);
    if (admission == Admission.DROPPED) {
      closed.get(Closure.DROPPED).increment();
      connection.close();
      return;
    }
    Watched watched = new Watched(connection);
    open.put(connection, watched);
    connection.closeHandler(
        gone -> {
          watched.cancel();
          open.remove(connection);
          limits.release(address, admission);
        });
    watched.refused = admission == Admission.REFUSED;
    watched.await(policy.headerTimeout(), () -> close(watched, Closure.HEADER_TIMEOUT));
  }

  private void received(HttpServerRequest request, Router router) {
    Watched watched = open.get(request.connection());
    if (watched == null) { // dropped, and closing
      request.connection().close();
      return;
    }
    watched.cancel();
    if (watched.refused) {
      closed.get(Closure.REFUSED).increment();
      answerAndClose(
          request,
          new Problem(
              503,
              "too_many_connections",
              "The server, or your address, has as many connections open as it accepts: reuse"
                  + " an open connection or retry later.",
              Map.of("Retry-After", "1")));
      return;
    }
    watched.current = request;
    watched.await(policy.bodyTimeout(), () -> bodyTimedOut(watched, request));
    request.end().onComplete(read -> bodyRead(watched, request));
    router.handle(request);
  }

  private void bodyRead(Watched watched, HttpServerRequest request) {
    if (watched.current == request) {
      watched.cancel();
      if (request.response().ended()) {
        awaitNext(watched);
      }
    }
  }

  private void watchResponse(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    ctx.addEndHandler(
        ended -> {
          Watched watched = open.get(request.connection());
          if (watched != null && watched.current == request && request.isEnded()) {
            awaitNext(watched);
          }
        });
    ctx.next();
  }

  private void awaitNext(Watched watched) {
    watched.current = null;
    watched.await(policy.idleTimeout(), () -> close(watched, Closure.IDLE_TIMEOUT));
  }

  private void bodyTimedOut(Watched watched, HttpServerRequest request) {
    if (request.response().headWritten()) {
      close(watched, Closure.BODY_TIMEOUT);
      return;
    }
    closed.get(Closure.BODY_TIMEOUT).increment();
    answerAndClose(
        request,
        new Problem(
            408,
            "request_timeout",
            "The request body did not arrive within "
                + policy.bodyTimeout().toSeconds()
                + " seconds."));
  }

  private void close(Watched watched, Closure reason) {
    closed.get(reason).increment();
    watched.connection.close();
  }

  private static void answerAndClose(HttpServerRequest request, Problem problem) {
    request.response().putHeader("Connection", "close");
    ProblemHandler.write(request.response(), problem, request.path())
        .onComplete(done -> request.connection().close());
  }

  /** Why the guard closed a connection. */
  private enum Closure {
    HEADER_TIMEOUT,
    BODY_TIMEOUT,
    IDLE_TIMEOUT,
    /** Over the limits, answered 503. */
    REFUSED,
    /** Over the limits with the refusal reserve in use: closed unanswered. */
    DROPPED
  }

  /** One open connection: the request it is on, and the one timer running on it. */
  private final class Watched {
    private final HttpConnection connection;
    private HttpServerRequest current;
    private boolean refused;
    private long timer = -1;

    private Watched(HttpConnection connection) {
      this.connection = connection;
    }

    /** Runs {@code onTimeout} unless cancelled within {@code limit} (a zero limit is off). */
    private void await(Duration limit, Runnable onTimeout) {
      cancel();
      if (!limit.isZero()) {
        timer =
            vertx.setTimer(
                limit.toMillis(),
                id -> {
                  timer = -1;
                  onTimeout.run();
                });
      }
    }

    private void cancel() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }
  }
}
