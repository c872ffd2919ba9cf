package dev.atrium.http;

import dev.atrium.shared.Problem;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers requests the HTTP decoder could not read (Vert.x's invalid request handler) with a
 * problem instead of an empty body, then closes the connection: after a framing error nothing
 * further on it can be trusted. (A request line naming an HTTP version other than 1.0 or 1.1 never
 * gets here: Vert.x answers it {@code 501} itself, with an empty body.)
 */
final class ProtocolErrors {
  private ProtocolErrors() {}

  static void answer(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    Problem problem =
        switch (cause) {
          case TooLongHttpLineException e ->
              new Problem(
                  414,
                  "uri_too_long",
                  "The request line is longer than "
                      + HttpServerOptions.DEFAULT_MAX_INITIAL_LINE_LENGTH
                      + " bytes.");
          case TooLongHttpHeaderException e ->
              new Problem(
                  431,
                  "headers_too_large",
                  "The request headers are larger than "
                      + HttpServerOptions.DEFAULT_MAX_HEADER_SIZE
                      + " bytes.");
          case null, default -> malformed(cause);
        };
    request.response().putHeader("Connection", "close");
    ProblemHandler.write(request.response(), problem, null)
        .onComplete(done -> request.connection().close());
  }

  private static Problem malformed(Throwable cause) {
    String message = cause == null ? "" : String.valueOf(cause.getMessage());
    if (message.contains("Content-Length")) {
      return Problem.badRequest(
          "invalid_content_length",
          "The Content-Length header must be a single non-negative number.");
    }
    return Problem.badRequest(
        "malformed_request", "The request is not valid HTTP/1.1 (request line or headers).");
  }
}
