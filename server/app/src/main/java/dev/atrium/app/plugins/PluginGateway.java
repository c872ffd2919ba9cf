package dev.atrium.app.plugins;

import static java.util.Objects.requireNonNull;

import dev.atrium.app.auth.Principal;
import dev.atrium.app.billing.RequestMeter;
import dev.atrium.app.http.Access;
import dev.atrium.app.http.ApiRoutes;
import dev.atrium.app.http.JsonBody;
import dev.atrium.app.inference.InferenceProblems;
import dev.atrium.app.shared.Problem;
import dev.atrium.app.shared.Reply;
import dev.atrium.plugin.api.InvalidJsonException;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.runtime.RouteTable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /v1/<plugin-id>/...}: behind the API-key authentication (and whatever admission and
 * metering API-key routes get), checks the key's scope ({@code *} or {@code plugin:<id>}) and the
 * tenant's enablement, then runs the plugin's handler on the plugin's own virtual thread with a
 * deadline, in the request's {@link RequestScope}: what the plugin computes or records for the
 * calling tenant is billed to this request, and its callbacks run on the request's context. A
 * plugin that throws answers 500 {@code plugin_failed}, one that does not answer in time 504 {@code
 * plugin_timeout}, one already running its maximum of requests 503 {@code plugin_busy}: the failure
 * stays with that plugin's request.
 */
public final class PluginGateway {
  private static final Pattern PLUGIN_PATH = Pattern.compile("/v1/([a-z][a-z0-9-]{1,39})(/.*)?");

  private final PluginHost host;

  public PluginGateway(PluginHost host) {
    this.host = requireNonNull(host, "host is null");
  }

  /** Mounts the gateway; call it after the platform's own {@code /v1} routes. */
  public void mount(ApiRoutes routes) {
    routes.addMatching(PLUGIN_PATH.pattern(), Access.apiKey(null), this::serve);
  }

  private Future<Reply> serve(RoutingContext ctx) {
    Matcher m = PLUGIN_PATH.matcher(ctx.normalizedPath());
    if (!m.matches()) {
      throw new Problem(404, "route_not_found", "No such endpoint.");
    }
    String id = m.group(1);
    String path = m.group(2) == null ? "/" : m.group(2);
    Principal principal = Principal.of(ctx).requireScope(PluginHost.scope(id));
    current(id);
    RequestMeter.of(ctx).enterPlugin(id);
    return host.services()
        .choices()
        .find(principal.tenantId(), id)
        .compose(
            choice -> {
              if (choice.isEmpty() || !choice.get().enabled()) {
                throw Problem.forbidden(
                    "plugin_disabled",
                    "Plugin '"
                        + id
                        + "' is not enabled for your tenant; an admin can enable it with PUT /api/plugins/"
                        + id
                        + ".");
              }
              return call(ctx, principal, enter(id), path);
            });
  }

  private Future<Reply> call(
      RoutingContext ctx, Principal principal, LoadedPlugin plugin, String path) {
    Optional<RouteTable.Match> match = plugin.routes().match(ctx.request().method(), path);
    if (match.isEmpty()) {
      plugin.exit();
      throw plugin.routes().servesPath(path)
          ? new Problem(405, "method_not_allowed", "This endpoint does not accept that method.")
          : new Problem(
              404,
              "route_not_found",
              "Plugin '" + plugin.manifest().id() + "' has no such endpoint.");
    }
    if (!plugin.tryAcquire()) {
      plugin.exit();
      throw new Problem(
          503,
          "plugin_busy",
          "Plugin '"
              + plugin.manifest().id()
              + "' is running its maximum of requests; retry shortly.",
          Map.of("Retry-After", "1"));
    }
    Vertx vertx = ctx.vertx();
    Context eventLoop = vertx.getOrCreateContext();
    long timeoutMillis = host.options().requestTimeout().toMillis();
    Promise<Void> done = Promise.promise();
    PluginRequest request =
        new PluginRequest(
            principal.tenantId().toString(),
            principal.keyId().toString(),
            ctx.request().method(),
            path,
            decode(match.get().pathParams()),
            ctx.queryParams(),
            ctx.request().headers(),
            ctx.body() == null || ctx.body().buffer() == null
                ? Buffer.buffer()
                : ctx.body().buffer(),
            Instant.now().plusMillis(timeoutMillis),
            done.future());
    RequestScope scope =
        new RequestScope(
            plugin.manifest().id(),
            request,
            RequestMeter.of(ctx),
            host.services().inference(),
            eventLoop);
    host.services().open(scope);
    Promise<PluginResponse> answer = Promise.promise();
    java.util.concurrent.Future<?> task =
        plugin.execute(
            () ->
                scope.run(
                    () -> {
                      try {
                        Future<PluginResponse> response =
                            match.get().route().handler().handle(request);
                        if (response == null) {
                          throw new IllegalStateException("the route handler answered null");
                        }
                        response.onComplete(
                            r ->
                                eventLoop.runOnContext(
                                    v -> {
                                      if (r.succeeded()) {
                                        answer.tryComplete(r.result());
                                      } else {
                                        answer.tryFail(r.cause());
                                      }
                                    }));
                      } catch (Exception | LinkageError e) {
                        eventLoop.runOnContext(v -> answer.tryFail(e));
                      }
                    }));
    long timer =
        vertx.setTimer(
            timeoutMillis,
            t -> {
              if (answer.tryFail(timeout(plugin, timeoutMillis))) {
                task.cancel(true);
              }
            });
    return answer
        .future()
        .eventually(
            () -> {
              vertx.cancelTimer(timer);
              plugin.exit();
              done.tryComplete();
              return Future.succeededFuture();
            })
        .recover(failure -> failure(plugin, failure))
        .map(PluginGateway::reply);
  }

  /** The current version, counted in; retried if an upgrade retired it meanwhile. */
  private LoadedPlugin enter(String id) {
    while (true) {
      LoadedPlugin plugin = current(id);
      if (plugin.enter()) {
        return plugin;
      }
    }
  }

  private LoadedPlugin current(String id) {
    return host.plugin(id)
        .orElseThrow(
            () -> new Problem(404, "plugin_not_found", "No plugin '" + id + "' is installed."));
  }

  private static Problem timeout(LoadedPlugin plugin, long timeoutMillis) {
    return new Problem(
        504,
        "plugin_timeout",
        "Plugin '" + plugin.manifest().id() + "' did not answer within " + timeoutMillis + " ms.");
  }

  private static Future<PluginResponse> failure(LoadedPlugin plugin, Throwable failure) {
    if (failure instanceof Problem) {
      return Future.failedFuture(failure);
    }
    if (failure instanceof InvalidJsonException invalid) {
      return Future.failedFuture(JsonBody.refused(invalid));
    }
    if (failure instanceof DecodeException) {
      return Future.failedFuture(
          Problem.badRequest("malformed_json", "The request body is not valid JSON."));
    }
    Future<PluginResponse> mapped = InferenceProblems.recover(failure);
    if (mapped.cause() instanceof Problem) {
      return mapped;
    }
    LoggerFactory.getLogger("atrium.plugin." + plugin.manifest().id())
        .error(
            "Plugin {} {} failed on a request",
            plugin.manifest().id(),
            plugin.manifest().version(),
            failure);
    return Future.failedFuture(
        new Problem(
            500,
            "plugin_failed",
            "Plugin '"
                + plugin.manifest().id()
                + "' failed while handling the request; it has been logged."));
  }

  /**
   * The plugin's answer as a {@link Reply}, so it goes out like every other route's: after its
   * usage is committed, with the rate-limit headers.
   */
  private static Reply reply(PluginResponse response) {
    boolean empty = response.body().length() == 0;
    return new Reply(
        response.status(),
        empty ? null : response.body(),
        empty ? null : response.contentType(),
        response.headers());
  }

  private static Map<String, String> decode(Map<String, String> raw) {
    Map<String, String> decoded = new LinkedHashMap<>();
    raw.forEach(
        (k, v) -> decoded.put(k, URLDecoder.decode(v.replace("+", "%2B"), StandardCharsets.UTF_8)));
    return decoded;
  }
}
