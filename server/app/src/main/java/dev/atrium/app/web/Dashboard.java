package dev.atrium.app.web;

import dev.atrium.shared.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the dashboard (the {@code atrium-webapp} jar's {@code webroot/} on the classpath): hashed
 * files under {@code /assets/} cached for a year, and {@code index.html} (never cached) for every
 * other GET outside the API, so the single-page app's own paths ({@code /keys}, {@code
 * /accept-invite?token=...}) load on refresh. Paths under {@code /api}, {@code /v1}, {@code
 * /health} and {@code /metrics} never reach it: an unknown API route stays a 404 problem. Mount it
 * after every API route.
 */
public final class Dashboard {
  /** Everything but the API, plugin, health, metrics and OpenAPI paths. */
  static final String PATHS = "^/(?!(?:api|v1|health|metrics)(?:/|$)|openapi\\.json$).*";

  static final String IMMUTABLE = "public, max-age=31536000, immutable";

  /**
   * The dashboard talks only to its own origin and loads nothing from anywhere else: a stray CDN or
   * font link fails in the browser instead of reaching the network.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"
          + " blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
          + " frame-ancestors 'none'; form-action 'self'";

  private static final String NOT_BUILT =
      """
      <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Atrium</title></head>
      <body><h1>Atrium</h1><p>The dashboard was not built into this server. Build it with
      <code>./mvnw -B install -pl webapp</code> (without <code>-Datrium.webapp.skip</code>); the
      API is available under <a href="/openapi.json">/openapi.json</a>.</p></body></html>
      """;

  private final Buffer index;
  private final boolean built;
  private final StaticHandler assets =
      StaticHandler.create("webroot")
          .setCachingEnabled(false)
          .setDirectoryListing(false)
          .setIncludeHidden(false)
          .setSendVaryHeader(true);

  private Dashboard(byte[] index) {
    this.built = index != null;
    this.index = Buffer.buffer(built ? index : NOT_BUILT.getBytes(StandardCharsets.UTF_8));
  }

  /** Mounts the dashboard on {@code router}; call it after the API routes. */
  public static void mount(Router router) {
    Dashboard dashboard = new Dashboard(readIndex());
    router.routeWithRegex(PATHS).handler(dashboard::handle);
  }

  /** True when the webapp's build output is on the classpath. */
  public static boolean built() {
    return readIndex() != null;
  }

  private void handle(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
      ctx.next();
      return;
    }
    String path = ctx.normalizedPath();
    if (path.startsWith("/assets/")) {
      // Only a file actually sent may be cached: a missing asset falls through to a 404 problem.
      ctx.addHeadersEndHandler(
          v -> {
            if (ctx.response().getStatusCode() == 200 || ctx.response().getStatusCode() == 304) {
              ctx.response().putHeader("Cache-Control", IMMUTABLE);
            }
          });
      assets.handle(ctx);
      return;
    }
    ctx.response()
        .setStatusCode(built ? 200 : 503)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Frame-Options", "DENY");
    if (!built) { // the page that says the dashboard was not built: a 503 like every other
      ctx.response()
          .putHeader(Problem.RETRY_AFTER, Integer.toString(Problem.DEFAULT_RETRY_AFTER_SECONDS));
    }
    if (method == HttpMethod.HEAD) {
      ctx.response().putHeader("Content-Length", String.valueOf(index.length())).end();
    } else {
      ctx.response().end(index);
    }
  }

  private static byte[] readIndex() {
    try (InputStream in =
        Dashboard.class.getClassLoader().getResourceAsStream("webroot/index.html")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
