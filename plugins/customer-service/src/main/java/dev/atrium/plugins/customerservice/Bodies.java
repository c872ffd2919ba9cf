package dev.atrium.plugins.customerservice;

import dev.atrium.plugin.api.InvalidJsonException;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.api.StrictJson;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;

/** Strict reading of JSON request bodies, with problems that name the field. */
final class Bodies {
  private Bodies() {}

  /** A request refused with a problem response. */
  static final class Refusal extends RuntimeException {
    final PluginResponse response;

    Refusal(int status, String code, String detail) {
      super(detail, null, false, false);
      this.response = PluginResponse.problem(status, code, detail);
    }
  }

  static JsonObject json(PluginRequest request, Set<String> allowed) {
    String type = request.headers().get("Content-Type");
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      throw new Refusal(
          415,
          "unsupported_media_type",
          "Send the body as JSON with Content-Type: application/json.");
    }
    JsonObject body;
    try {
      body = request.bodyAsJson();
    } catch (InvalidJsonException e) {
      throw new Refusal(400, e.code(), e.getMessage());
    }
    for (String field : body.fieldNames()) {
      if (!allowed.contains(field)) {
        throw new Refusal(
            400,
            "unknown_field",
            "Unknown field '" + field + "'; allowed fields are " + allowed + ".");
      }
    }
    return body;
  }

  static String requiredString(JsonObject body, String field, int maxLength) {
    if (!(body.getValue(field) instanceof String text) || StrictJson.isBlank(text)) {
      throw invalid(field, "is required and must be a non-empty string");
    }
    if (text.length() > maxLength) {
      throw invalid(field, "must be at most " + maxLength + " characters");
    }
    return text.strip();
  }

  static String optionalString(JsonObject body, String field, int maxLength) {
    return body.getValue(field) == null ? null : requiredString(body, field, maxLength);
  }

  static int optionalInt(JsonObject body, String field, int min, int max, int fallback) {
    Object value = body.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Integer || value instanceof Long)
        || ((Number) value).longValue() < min
        || ((Number) value).longValue() > max) {
      throw invalid(field, "must be an integer from " + min + " to " + max);
    }
    return ((Number) value).intValue();
  }

  static boolean optionalBoolean(JsonObject body, String field, boolean fallback) {
    Object value = body.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean flag)) {
      throw invalid(field, "must be true or false");
    }
    return flag;
  }

  static int queryInt(PluginRequest request, String name, int min, int max, int fallback) {
    Optional<String> value = request.queryParam(name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.get().strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw invalid(name, "must be an integer from " + min + " to " + max);
  }

  static Refusal invalid(String field, String rule) {
    return new Refusal(400, "invalid_field", "Field '" + field + "' " + rule + ".");
  }
}
