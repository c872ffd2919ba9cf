package dev.atrium.app;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP server instance on its own event loop; several share the port. Stopping it shuts the
 * server down gracefully: no new connections, in-flight requests finish (up to the timeout).
 */
final class HttpVerticle extends VerticleBase {
  private final Platform platform;
  private final String host;
  private final int port;
  private final int shutdownTimeoutSeconds;
  private HttpServer server;

  HttpVerticle(Platform platform, String host, int port, int shutdownTimeoutSeconds) {
    this.platform = requireNonNull(platform, "platform is null");
    this.host = requireNonNull(host, "host is null");
    this.port = port;
    this.shutdownTimeoutSeconds = shutdownTimeoutSeconds;
  }

  @Override
  public Future<?> start() {
    server =
        vertx.createHttpServer(
            new HttpServerOptions().setHost(host).setPort(port).setCompressionSupported(true));
    return server.requestHandler(platform.router(vertx)).listen();
  }

  @Override
  public Future<?> stop() {
    return server.shutdown(shutdownTimeoutSeconds, TimeUnit.SECONDS);
  }

  int actualPort() {
    return server.actualPort();
  }
}
