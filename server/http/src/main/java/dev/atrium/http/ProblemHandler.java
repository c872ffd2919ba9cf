package dev.atrium.http;

import dev.atrium.db.DatabaseGate;
import dev.atrium.shared.Problem;
import dev.atrium.shared.Reply;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every failure as {@code application/problem+json}: {@link Problem}s as they are, HTTP
 * errors raised by Vert.x (404, 405, 413, ...) with a stable code, and anything else as a 500 whose
 * detail never contains a stack trace or an exception message. Every problem names its request in
 * the {@code requestId} member, the id the request log finds it by ({@link RequestId}).
 */
public final class ProblemHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
  public static final String CONTENT_TYPE = "application/problem+json";

  /** The {@code code} of the problem a request was answered with, for its log line. */
  public static final String PROBLEM_CODE = "atrium.problemCode";

  /** Netty's form decoder fails with its own exceptions on bodies sent as HTML forms. */
  private static final String FORM_DECODER = "io.netty.handler.codec.http.multipart.";

  private static final Map<Integer, Problem> BY_STATUS =
      Map.of(
          400, new Problem(400, "bad_request", "The request is malformed."),
          401, Problem.unauthorized("Authentication is required."),
          403, new Problem(403, "forbidden", "You may not do this."),
          404, new Problem(404, "route_not_found", "No such endpoint."),
          405, new Problem(405, "method_not_allowed", "This endpoint does not accept that method."),
          413, new Problem(413, "body_too_large", "The request body exceeds the configured limit."),
          415,
              new Problem(
                  415, "unsupported_media_type", "The request body must be application/json."));

  /** While the database is unreachable: clients retry; nothing is logged per request. */
  private static final Problem DATABASE_UNAVAILABLE =
      new Problem(
          503,
          "database_unavailable",
          "The database is unreachable for the moment; retry after Retry-After seconds.",
          Map.of("Retry-After", "2"));

  @Override
  public void handle(RoutingContext ctx) {
    Problem problem = toProblem(ctx);
    send(ctx, problem);
  }

  /** Writes {@code problem} as the response, unless a response has already started. */
  public static void send(RoutingContext ctx, Problem problem) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ctx.put(PROBLEM_CODE, problem.code());
    write(ctx.response(), problem, ctx.request().path());
  }

  /**
   * Writes {@code problem} as the whole of {@code response}. {@code path} becomes the problem's
   * {@code instance}; it is null when the request line could not be read, and the body then names
   * no instance.
   */
  public static Future<Void> write(HttpServerResponse response, Problem problem, String path) {
    problem.headers().forEach(response::putHeader);
    return response
        .setStatusCode(problem.status())
        .putHeader("Content-Type", CONTENT_TYPE)
        .end(body(problem, RequestId.of(response), path).encode());
  }

  /**
   * {@code problem} as the reply {@link #send} would write for the request {@code ctx}, for an
   * answer kept to be replayed (an {@code Idempotency-Key}'s).
   */
  public static Reply reply(RoutingContext ctx, Problem problem) {
    return new Reply(
        problem.status(),
        body(problem, RequestId.of(ctx).toString(), ctx.request().path()).toBuffer(),
        CONTENT_TYPE,
        problem.headers());
  }

  private static JsonObject body(Problem problem, String requestId, String path) {
    JsonObject body =
        new JsonObject()
            .put("type", "https://atrium.dev/problems/" + problem.code())
            .put("title", title(problem.status()))
            .put("status", problem.status())
            .put("code", problem.code())
            .put("detail", problem.detail());
    problem.members().forEach(body::put);
    body.put("requestId", requestId);
    if (path != null) {
      body.put("instance", path);
      if (path.startsWith("/v1/")) {
        body.put("error", openAiError(problem));
      }
    }
    return body;
  }

  /**
   * The {@code error} member OpenAI clients read their exception message from: an RFC 9457
   * extension member, so {@code /v1} problems serve both kinds of client.
   */
  private static JsonObject openAiError(Problem problem) {
    String type =
        switch (problem.status()) {
          case 401 -> "authentication_error";
          case 403 -> "permission_error";
          case 404 -> "not_found_error";
          case 429 -> "rate_limit_error";
          default -> problem.status() >= 500 ? "server_error" : "invalid_request_error";
        };
    return new JsonObject()
        .put("message", problem.detail())
        .put("type", type)
        .put("code", problem.code())
        .putNull("param");
  }

  private static Problem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof Problem problem) {
      return problem;
    }
    if (DatabaseGate.isConnectionFailure(failure)) {
      return DATABASE_UNAVAILABLE;
    }
    if (failure != null && failure.getClass().getName().startsWith(FORM_DECODER)) {
      return new Problem(
          415,
          "unsupported_media_type",
          "Form-encoded bodies are not accepted: send JSON, or a document with its own Content-Type.");
    }
    int status = ctx.statusCode();
    if (failure instanceof HttpException http) {
      status = http.getStatusCode();
    }
    if (failure == null || failure instanceof HttpException) {
      Problem known = BY_STATUS.get(status);
      if (known != null) {
        return known;
      }
      if (status >= 400 && status < 500) {
        return new Problem(status, "client_error", "The request cannot be processed.");
      }
    }
    LOG.error("Unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
    return new Problem(500, "internal_error", "An unexpected error occurred; it has been logged.");
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 402 -> "Payment Required";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 415 -> "Unsupported Media Type";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> status >= 500 ? "Internal Server Error" : "Error";
    };
  }
}
