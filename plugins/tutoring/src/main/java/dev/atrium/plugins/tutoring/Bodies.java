package dev.atrium.plugins.tutoring;

import dev.atrium.plugin.api.InvalidJsonException;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.StrictJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Strict reading of JSON bodies: unknown fields and wrong types are refused, naming the field. */
final class Bodies {
  private Bodies() {}

  static JsonObject json(PluginRequest request, Set<String> allowed) {
    JsonObject body;
    try {
      body = request.bodyAsJson();
    } catch (InvalidJsonException e) {
      throw new Problem(400, e.code(), e.getMessage());
    }
    allow(body, allowed);
    return body;
  }

  static void allow(JsonObject body, Set<String> allowed) {
    for (String field : body.fieldNames()) {
      if (!allowed.contains(field)) {
        throw new Problem(
            400,
            "unknown_field",
            "Unknown field '" + field + "'; allowed fields are " + allowed + ".");
      }
    }
  }

  static String string(JsonObject body, String field, int maxLength) {
    if (!(body.getValue(field) instanceof String text) || StrictJson.isBlank(text)) {
      throw Problem.invalid(field, "is required and must be a non-empty string");
    }
    if (text.length() > maxLength) {
      throw Problem.invalid(field, "must be at most " + maxLength + " characters");
    }
    return text.strip();
  }

  static String optionalString(JsonObject body, String field, int maxLength) {
    return body.getValue(field) == null ? null : string(body, field, maxLength);
  }

  static String id(JsonObject body, String field, String pattern) {
    String value = string(body, field, 128);
    if (!value.matches(pattern)) {
      throw Problem.invalid(field, "must match " + pattern);
    }
    return value;
  }

  static List<String> strings(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw Problem.invalid(field, "must be an array of strings");
    }
    List<String> values = new ArrayList<>();
    for (Object v : array) {
      if (!(v instanceof String text) || StrictJson.isBlank(text)) {
        throw Problem.invalid(field, "must hold non-empty strings only");
      }
      values.add(text.strip());
    }
    return List.copyOf(values);
  }
}
