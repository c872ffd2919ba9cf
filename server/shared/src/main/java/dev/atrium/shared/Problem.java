package dev.atrium.shared;

import java.util.Map;

/**
 * An RFC 9457 problem: thrown (or passed to {@code ctx.fail}) anywhere in request handling and
 * rendered as {@code application/problem+json} by {@link ProblemHandler}. {@code code} is stable
 * and meant for programs; {@code detail} is for people.
 */
public final class Problem extends RuntimeException {
  private final int status;
  private final String code;
  private final Map<String, String> headers;
  private final Map<String, String> members;

  public Problem(int status, String code, String detail, Map<String, String> headers) {
    this(status, code, detail, headers, Map.of());
  }

  /** With extension {@code members} written into the body (e.g. {@code requestId}). */
  public Problem(
      int status,
      String code,
      String detail,
      Map<String, String> headers,
      Map<String, String> members) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.headers = Map.copyOf(headers);
    this.members = Map.copyOf(members);
  }

  public Problem(int status, String code, String detail) {
    this(status, code, detail, Map.of());
  }

  public static Problem badRequest(String code, String detail) {
    return new Problem(400, code, detail);
  }

  public static Problem unauthorized(String detail) {
    return new Problem(401, "unauthorized", detail, Map.of("WWW-Authenticate", "Bearer"));
  }

  public static Problem forbidden(String code, String detail) {
    return new Problem(403, code, detail);
  }

  /** The answer for anything outside the caller's tenant too, so ids never leak. */
  public static Problem notFound(String what) {
    return new Problem(404, "not_found", what + " does not exist");
  }

  public static Problem conflict(String code, String detail) {
    return new Problem(409, code, detail);
  }

  public static Problem tooManyRequests(String code, String detail, long retryAfterSeconds) {
    return new Problem(
        429, code, detail, Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String detail() {
    return getMessage();
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** RFC 9457 extension members of the body. */
  public Map<String, String> members() {
    return members;
  }
}
