package dev.atrium.plugins.fraud;

import dev.atrium.plugin.api.PluginResponse;
import io.vertx.core.json.JsonObject;

/** A request the plugin refuses: answered as an RFC 9457 problem with a stable code. */
final class FraudProblem extends RuntimeException {
  private final int status;
  private final String code;
  private final JsonObject extra;

  FraudProblem(int status, String code, String detail) {
    this(status, code, detail, new JsonObject());
  }

  /** A problem with {@code extra} members beside the standard ones (e.g. an error's position). */
  FraudProblem(int status, String code, String detail, JsonObject extra) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }

  static FraudProblem badRequest(String code, String detail) {
    return new FraudProblem(400, code, detail);
  }

  static FraudProblem notFound(String what) {
    return new FraudProblem(404, "not_found", what + " does not exist.");
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  PluginResponse response() {
    PluginResponse plain = PluginResponse.problem(status, code, getMessage());
    if (extra.isEmpty()) {
      return plain;
    }
    JsonObject body = plain.body().toJsonObject().mergeIn(extra);
    return new PluginResponse(status, plain.contentType(), body.toBuffer(), plain.headers());
  }
}
