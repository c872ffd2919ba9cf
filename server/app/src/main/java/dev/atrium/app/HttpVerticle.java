package dev.atrium.app;

import static java.util.Objects.requireNonNull;

import dev.atrium.http.ConnectionGuard;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One HTTP server instance on its own event loop; several share the port. Stopping it shuts the
 * server down gracefully: no new connections, in-flight requests finish (up to the timeout). Its
 * {@link ConnectionGuard} enforces the connection limits and timeouts.
 */
final class HttpVerticle extends VerticleBase {
  private final Platform platform;
  private final String host;
  private final int port;
  private final int shutdownTimeoutSeconds;
  private final Function<Vertx, ConnectionGuard> guards;
  private HttpServer server;

  HttpVerticle(
      Platform platform,
      String host,
      int port,
      int shutdownTimeoutSeconds,
      Function<Vertx, ConnectionGuard> guards) {
    this.platform = requireNonNull(platform, "platform is null");
    this.host = requireNonNull(host, "host is null");
    this.port = port;
    this.shutdownTimeoutSeconds = shutdownTimeoutSeconds;
    this.guards = requireNonNull(guards, "guards is null");
  }

  @Override
  public Future<?> start() {
    ConnectionGuard guard = guards.apply(vertx);
    server =
        vertx.createHttpServer(
            guard.options(
                new HttpServerOptions().setHost(host).setPort(port).setCompressionSupported(true)));
    return guard.install(server, platform.router(vertx)).listen();
  }

  @Override
  public Future<?> stop() {
    return server.shutdown(shutdownTimeoutSeconds, TimeUnit.SECONDS);
  }

  int actualPort() {
    return server.actualPort();
  }
}
