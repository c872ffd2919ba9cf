package dev.atrium.shared;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem: thrown (or passed to {@code ctx.fail}) anywhere in request handling and
 * rendered as {@code application/problem+json} by {@link ProblemHandler}. {@code code} is stable
 * and meant for programs; {@code detail} is for people. Every 503 carries a {@code Retry-After}
 * header ({@link #DEFAULT_RETRY_AFTER_SECONDS} unless its maker names one), so clients know when
 * trying again is worth it.
 */
public final class Problem extends RuntimeException {
  public static final String RETRY_AFTER = "Retry-After";

  /** The {@code Retry-After} of a 503 whose maker did not name one. */
  public static final int DEFAULT_RETRY_AFTER_SECONDS = 5;

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
    this.headers = Map.copyOf(status == 503 ? withRetryAfter(headers) : headers);
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

  /** 503: unavailable for now; try again after {@code retryAfterSeconds} (at least 1). */
  public static Problem unavailable(String code, String detail, long retryAfterSeconds) {
    return new Problem(
        503, code, detail, Map.of(RETRY_AFTER, Long.toString(Math.max(1, retryAfterSeconds))));
  }

  /** {@code headers} with the default {@code Retry-After} unless they name one (in any case). */
  public static Map<String, String> withRetryAfter(Map<String, String> headers) {
    if (headers.keySet().stream().anyMatch(RETRY_AFTER::equalsIgnoreCase)) {
      return headers;
    }
    Map<String, String> with = new LinkedHashMap<>(headers);
    with.put(RETRY_AFTER, Integer.toString(DEFAULT_RETRY_AFTER_SECONDS));
    return with;
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
