package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.http.RequestMeter;
import dev.atrium.http.Access;
import dev.atrium.http.ApiRoutes;
import dev.atrium.http.JsonBody;
import dev.atrium.http.RequestId;
import dev.atrium.inference.http.EventStream;
import dev.atrium.inference.http.InferenceProblems;
import dev.atrium.plugin.api.InvalidJsonException;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.api.RouteHandler;
import dev.atrium.plugin.runtime.RouteTable;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Problem;
import dev.atrium.shared.Reply;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Serves {@code /v1/<plugin-id>/...}: behind the API-key authentication (and whatever admission and
 * metering API-key routes get), checks the key's scope ({@code *} or {@code plugin:<id>}) and the
 * tenant's enablement, then runs the plugin's handler on one of the plugin's own threads with a
 * deadline, in the request's {@link RequestScope}: what the plugin computes or records for the
 * calling tenant is billed to this request, and its callbacks run on the request's context. A
 * plugin that throws answers 500 {@code plugin_failed} (with the request id its log entry carries),
 * one that does not answer in time 504 {@code plugin_timeout}, one already running its maximum of
 * requests 503 {@code plugin_busy}, one marked unhealthy (it ignored an interruption) 503 {@code
 * plugin_unhealthy}, one answering more than {@code plugins.max-response-bytes} 502 {@code
 * plugin_response_too_large}: the failure stays with that plugin.
 */
public final class PluginGateway {
  /** An unhealthy plugin waits for an operator: clients need not come back for a while. */
  private static final int UNHEALTHY_RETRY_AFTER_SECONDS = 60;

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
    ApiRoutes.template(ctx, "/v1/" + id + "/{unknown}");
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
    ApiRoutes.template(
        ctx,
        "/v1/"
            + plugin.manifest().id()
            + match.map(found -> found.route().path()).orElse("/{unknown}"));
    if (match.isEmpty()) {
      plugin.exit();
      throw plugin.routes().servesPath(path)
          ? new Problem(405, "method_not_allowed", "This endpoint does not accept that method.")
          : new Problem(
              404,
              "route_not_found",
              "Plugin '" + plugin.manifest().id() + "' has no such endpoint.");
    }
    Optional<String> unhealthy = plugin.unhealthy();
    if (unhealthy.isPresent()) {
      plugin.exit();
      throw Problem.unavailable(
          "plugin_unhealthy",
          "Plugin '"
              + plugin.manifest().id()
              + "' is out of service: "
              + unhealthy.get()
              + " An operator resets it with POST /api/admin/plugins/"
              + plugin.manifest().id()
              + "/reset once it is fixed.",
          UNHEALTHY_RETRY_AFTER_SECONDS);
    }
    PluginLimits limits = host.options().limits();
    Buffer body =
        ctx.body() == null || ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
    if (body.length() > limits.maxRequestBytes()) {
      plugin.exit();
      throw new Problem(
          413,
          "request_too_large",
          "Plugin '"
              + plugin.manifest().id()
              + "' accepts request bodies of at most "
              + limits.maxRequestBytes()
              + " bytes (plugins.max-request-bytes).");
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
    String requestId = RequestId.of(ctx).toString();
    String route = ctx.request().method() + " " + path;
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
            body,
            Instant.now().plusMillis(timeoutMillis),
            done.future(),
            new PluginEventSink(new EventStream(ctx.response()), eventLoop));
    RequestScope scope =
        new RequestScope(
            plugin.manifest().id(),
            request,
            RequestMeter.of(ctx),
            host.services().inference(),
            eventLoop);
    host.services().open(scope);
    Promise<PluginResponse> answer = Promise.promise();
    AtomicBoolean running = new AtomicBoolean(true);
    java.util.concurrent.Future<?> task =
        plugin.execute(
            () -> {
              MDC.put(PluginLogs.REQUEST_ID, requestId);
              try {
                scope.run(
                    () ->
                        handle(
                            plugin,
                            match.get().route().handler(),
                            request,
                            scope,
                            eventLoop,
                            answer));
              } finally {
                running.set(false);
                MDC.remove(PluginLogs.REQUEST_ID);
              }
            });
    long timer =
        vertx.setTimer(
            timeoutMillis,
            t -> {
              if (answer.tryFail(timeout(plugin, timeoutMillis, requestId))) {
                task.cancel(true);
                vertx.setTimer(
                    Math.max(1, limits.interruptGrace().toMillis()),
                    g -> markIfStillRunning(plugin, running, route, requestId));
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
        .compose(response -> bounded(plugin, response, limits, requestId))
        .recover(failure -> failure(plugin, failure, requestId))
        .map(PluginGateway::reply);
  }

  /**
   * Runs the route's handler on the calling (plugin) thread and completes {@code answer} on the
   * request's event loop once the handler's answer and the usage it recorded are complete; the
   * plugin's permit is held until then, not only for its synchronous part.
   */
  private static void handle(
      LoadedPlugin plugin,
      RouteHandler handler,
      PluginRequest request,
      RequestScope scope,
      Context eventLoop,
      Promise<PluginResponse> answer) {
    try {
      Future<PluginResponse> handled = handler.handle(request);
      if (handled == null) {
        throw new IllegalStateException("the route handler answered null");
      }
      // The usage the plugin recorded without waiting for it is part of the answer.
      Future<PluginResponse> response = handled.compose(r -> scope.usageRecorded().map(v -> r));
      response.onComplete(
          r -> {
            plugin.release();
            eventLoop.runOnContext(
                v -> {
                  if (r.succeeded()) {
                    answer.tryComplete(r.result());
                  } else {
                    answer.tryFail(r.cause());
                  }
                });
          });
    } catch (Throwable e) {
      plugin.release();
      eventLoop.runOnContext(v -> answer.tryFail(e));
    }
  }

  /**
   * A call that ignored its interruption and still runs after the grace time burns a thread (and
   * maybe a core) that cannot be taken back: the plugin is marked unhealthy, so it gets no new
   * calls until an operator resets it, and the fact is logged where its developer reads it.
   */
  private static void markIfStillRunning(
      LoadedPlugin plugin, AtomicBoolean running, String route, String requestId) {
    if (!running.get()) {
      return;
    }
    String why =
        route
            + " ignored its interruption after answering 504 and was still running (request "
            + requestId
            + ").";
    plugin.markUnhealthy(why);
    withRequestId(
        requestId,
        () ->
            pluginLog(plugin)
                .error(
                    "Marked unhealthy: {} Its calls answer 503 plugin_unhealthy until an operator"
                        + " resets it.",
                    why));
  }

  /** Refuses an answer larger than {@code plugins.max-response-bytes} with a 502. */
  private static Future<PluginResponse> bounded(
      LoadedPlugin plugin, PluginResponse response, PluginLimits limits, String requestId) {
    int size = response.body().length();
    if (size <= limits.maxResponseBytes()) {
      return Future.succeededFuture(response);
    }
    withRequestId(
        requestId,
        () ->
            pluginLog(plugin)
                .warn(
                    "Answered {} bytes, more than plugins.max-response-bytes ({}): refused",
                    size,
                    limits.maxResponseBytes()));
    return Future.failedFuture(
        new Problem(
            502,
            "plugin_response_too_large",
            "Plugin '"
                + plugin.manifest().id()
                + "' answered more than "
                + limits.maxResponseBytes()
                + " bytes (plugins.max-response-bytes); the answer was dropped.",
            Map.of(),
            Map.of("requestId", requestId)));
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

  private static Problem timeout(LoadedPlugin plugin, long timeoutMillis, String requestId) {
    return new Problem(
        504,
        "plugin_timeout",
        "Plugin '" + plugin.manifest().id() + "' did not answer within " + timeoutMillis + " ms.",
        Map.of(),
        Map.of("requestId", requestId));
  }

  private static Logger pluginLog(LoadedPlugin plugin) {
    return LoggerFactory.getLogger("atrium.plugin." + plugin.manifest().id());
  }

  /** Runs {@code work} (a log call) with {@code requestId} in the MDC, for the plugin's logs. */
  private static void withRequestId(String requestId, Runnable work) {
    MDC.put(PluginLogs.REQUEST_ID, requestId);
    try {
      work.run();
    } finally {
      MDC.remove(PluginLogs.REQUEST_ID);
    }
  }

  private static Future<PluginResponse> failure(
      LoadedPlugin plugin, Throwable failure, String requestId) {
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
    withRequestId(
        requestId,
        () ->
            pluginLog(plugin)
                .error(
                    "Plugin {} {} failed on request {}",
                    plugin.manifest().id(),
                    plugin.manifest().version(),
                    requestId,
                    failure));
    return Future.failedFuture(
        new Problem(
            500,
            "plugin_failed",
            "Plugin '"
                + plugin.manifest().id()
                + "' failed while handling the request; it has been logged as request "
                + requestId
                + " (an operator reads it at GET /api/admin/plugins/"
                + plugin.manifest().id()
                + "/logs).",
            Map.of(),
            Map.of("requestId", requestId)));
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
