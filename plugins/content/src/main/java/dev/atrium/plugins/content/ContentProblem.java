package dev.atrium.plugins.content;

import dev.atrium.plugin.api.PluginResponse;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * A request the plugin refuses, thrown from anywhere below a route and answered as an RFC 9457
 * problem: a stable {@code code}, a message for people, and extra members (such as the {@code
 * variable} at fault) for programs.
 */
final class ContentProblem extends RuntimeException {
  private final int status;
  private final String code;
  private final Map<String, Object> members;

  ContentProblem(int status, String code, String detail) {
    this(status, code, detail, Map.of());
  }

  ContentProblem(int status, String code, String detail, Map<String, Object> members) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.members = Map.copyOf(members);
  }

  static ContentProblem badField(String field, String rule) {
    return new ContentProblem(
        400, "invalid_field", "Field '" + field + "' " + rule + ".", Map.of("field", field));
  }

  static ContentProblem notFound(String what, String id) {
    return new ContentProblem(404, what + "_not_found", "No " + what + " '" + id + "' exists.");
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  PluginResponse response() {
    JsonObject body =
        new JsonObject()
            .put("type", "https://atrium.dev/problems/" + code)
            .put("status", status)
            .put("code", code)
            .put("detail", getMessage());
    members.forEach(body::put);
    return new PluginResponse(status, "application/problem+json", body.toBuffer(), Map.of());
  }
}
