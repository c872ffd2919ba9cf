package dev.atrium.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.shared.Principal;
import dev.atrium.shared.Problem;
import dev.atrium.shared.Reply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Mounts routes with their access rule and documents them in the {@link OpenApiDocument} in the
 * same call: authentication and the role or scope check run before the handler, and the handler's
 * {@link Reply} or failure is written back. API-key routes, the platform's and plugins' alike, also
 * pass the {@link RequestGate}: admitted before the handler (rate limits, concurrency, quota, and
 * the replay of an {@code Idempotency-Key} retry, which runs in the handler's place) and settled
 * after it (one usage entry, committed before the answer is written).
 */
public final class ApiRoutes {
  private static final String TEMPLATE = "atrium.routeTemplate";

  private final Router router;
  private final OpenApiDocument openApi;
  private final Authenticator dashboard;
  private final Authenticator apiKeys;
  private final RequestGate gate;

  public ApiRoutes(
      Router router,
      OpenApiDocument openApi,
      Authenticator dashboard,
      Authenticator apiKeys,
      RequestGate gate) {
    this.router = requireNonNull(router, "router is null");
    this.openApi = requireNonNull(openApi, "openApi is null");
    this.dashboard = requireNonNull(dashboard, "dashboard is null");
    this.apiKeys = requireNonNull(apiKeys, "apiKeys is null");
    this.gate = requireNonNull(gate, "gate is null");
  }

  /** Mounts {@code handler} at {@code path}, written in OpenAPI form ({@code /api/keys/{id}}). */
  public void add(
      HttpMethod method, String path, Access access, Operation operation, ApiHandler handler) {
    openApi.add(path, method, access, operation);
    router
        .route(method, path.replaceAll("\\{([A-Za-z0-9_]+)}", ":$1"))
        .handler(
            ctx -> {
              template(ctx, path);
              guarded(ctx, access, handler);
            });
  }

  /**
   * Mounts {@code handler} for every method on the paths matching {@code regex}, authenticated and
   * answered exactly like {@link #add}, but not documented: for routes that document themselves as
   * they come and go (plugins, see {@code PluginGateway}).
   */
  public void addMatching(String regex, Access access, ApiHandler handler) {
    router.routeWithRegex(regex).handler(ctx -> guarded(ctx, access, handler));
  }

  private void guarded(RoutingContext ctx, Access access, ApiHandler handler) {
    authenticate(ctx, access)
        .onSuccess(
            p -> {
              if (access.kind() != Access.Kind.API_KEY) {
                run(ctx, p, handler, null);
                return;
              }
              gate.admit(ctx, p, access.metered())
                  .onSuccess(
                      replay ->
                          run(
                              ctx,
                              p,
                              replay
                                  .<ApiHandler>map(r -> c -> Future.succeededFuture(r))
                                  .orElse(handler),
                              gate))
                  .onFailure(ctx::fail);
            })
        .onFailure(ctx::fail);
  }

  /**
   * The route {@code ctx} was matched to, as a template with its ids left out ({@code
   * /api/keys/{id}}), for logs; the raw path when the route has not named one.
   */
  public static String template(RoutingContext ctx) {
    String template = ctx.get(TEMPLATE);
    return template == null ? ctx.request().path() : template;
  }

  /** Names the template of the route {@code ctx} was matched to (see {@link #template}). */
  public static void template(RoutingContext ctx, String template) {
    ctx.put(TEMPLATE, template);
  }

  public Router router() {
    return router;
  }

  private Future<Principal> authenticate(RoutingContext ctx, Access access) {
    return switch (access.kind()) {
      case PUBLIC -> Future.succeededFuture(null);
      case API_KEY -> apiKeys.authenticate(bearer(ctx)).map(p -> p.requireScope(access.scope()));
      case USER -> dashboard.authenticate(bearer(ctx));
      case MEMBER ->
          dashboard.authenticate(bearer(ctx)).map(p -> p.requireMember(access.minimumRole()));
      case OPERATOR -> dashboard.authenticate(bearer(ctx)).map(Principal::requireOperator);
    };
  }

  /** Runs {@code handler}; a gated request is settled before its answer is written. */
  private static void run(
      RoutingContext ctx, Principal principal, ApiHandler handler, RequestGate gate) {
    if (principal != null) {
      Principal.attach(ctx, principal);
    }
    Future<Reply> reply;
    try {
      reply = handler.handle(ctx);
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    (gate == null ? reply : reply.transform(outcome -> gate.settle(ctx, outcome)))
        .onSuccess(r -> send(ctx, r))
        .onFailure(ctx::fail);
  }

  /**
   * Writes {@code reply}. A handler that streams its own response answers null, or a reply whose
   * body is the end of the stream: written after the request's usage is committed, it ends the
   * response the handler started (or is the whole response if the handler wrote nothing yet).
   */
  private static void send(RoutingContext ctx, Reply reply) {
    if (reply == null || ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    if (ctx.response().headWritten()) {
      ctx.response().end(reply.body() == null ? Buffer.buffer() : reply.body());
      return;
    }
    // A plugin's own 503 gets a Retry-After like the platform's.
    (reply.status() == 503 ? Problem.withRetryAfter(reply.headers()) : reply.headers())
        .forEach(ctx.response()::putHeader);
    ctx.response().setStatusCode(reply.status());
    if (reply.body() == null) {
      ctx.response().end();
    } else {
      ctx.response().putHeader("Content-Type", reply.contentType()).end(reply.body());
    }
  }

  /** The bearer credential of the request, or a 401 problem. */
  private static String bearer(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
      throw Problem.unauthorized("Send credentials as 'Authorization: Bearer <token>'.");
    }
    return header.substring(7).trim();
  }
}
