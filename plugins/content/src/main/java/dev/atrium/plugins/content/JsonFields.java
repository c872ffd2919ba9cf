package dev.atrium.plugins.content;

import dev.atrium.plugin.api.InvalidJsonException;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.StrictJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the members of a JSON request body strictly: unknown members, wrong types and values out of
 * range are refused with a problem naming the member.
 */
final class JsonFields {
  private final JsonObject body;

  private JsonFields(JsonObject body) {
    this.body = body;
  }

  /** The request's JSON body, refusing members not in {@code allowed}. */
  static JsonFields of(PluginRequest request, Set<String> allowed) {
    JsonObject body;
    try {
      body = request.bodyAsJson();
    } catch (InvalidJsonException e) {
      throw new ContentProblem(400, e.code(), e.getMessage());
    }
    return of(body, allowed);
  }

  /** {@code object}, refusing members not in {@code allowed}. */
  static JsonFields of(JsonObject object, Set<String> allowed) {
    for (String name : object.fieldNames()) {
      if (!allowed.contains(name)) {
        throw new ContentProblem(
            400,
            "unknown_field",
            "Unknown field '" + name + "'; the fields allowed here are " + allowed + ".",
            java.util.Map.of("field", name));
      }
    }
    return new JsonFields(object);
  }

  JsonObject raw() {
    return body;
  }

  boolean has(String name) {
    return body.getValue(name) != null;
  }

  String text(String name, int maxLength) {
    if (!(body.getValue(name) instanceof String value) || StrictJson.isBlank(value)) {
      throw ContentProblem.badField(name, "is required and must be a non-empty string");
    }
    if (value.length() > maxLength) {
      throw ContentProblem.badField(name, "must be at most " + maxLength + " characters");
    }
    return value;
  }

  /** The member's text, or {@code fallback} when it is absent or blank. */
  String text(String name, int maxLength, String fallback) {
    Object value = body.getValue(name);
    if (value == null || (value instanceof String s && StrictJson.isBlank(s))) {
      return fallback;
    }
    return text(name, maxLength);
  }

  int integer(String name, int min, int max, int fallback) {
    Object value = body.getValue(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Integer || value instanceof Long)
        || ((Number) value).longValue() < min
        || ((Number) value).longValue() > max) {
      throw ContentProblem.badField(name, "must be an integer from " + min + " to " + max);
    }
    return ((Number) value).intValue();
  }

  boolean flag(String name, boolean fallback) {
    Object value = body.getValue(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean b)) {
      throw ContentProblem.badField(name, "must be true or false");
    }
    return b;
  }

  JsonObject object(String name) {
    Object value = body.getValue(name);
    if (value == null) {
      return new JsonObject();
    }
    if (!(value instanceof JsonObject object)) {
      throw ContentProblem.badField(name, "must be an object");
    }
    return object;
  }

  /** A list of non-blank strings, each at most {@code maxLength}, at most {@code maxItems}. */
  List<String> texts(String name, int maxItems, int maxLength) {
    Object value = body.getValue(name);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array) || array.size() > maxItems) {
      throw ContentProblem.badField(name, "must be a list of at most " + maxItems + " strings");
    }
    List<String> texts = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String text) || StrictJson.isBlank(text) || text.length() > maxLength) {
        throw ContentProblem.badField(
            name, "must hold non-empty strings of at most " + maxLength + " characters");
      }
      texts.add(text.strip());
    }
    return List.copyOf(texts);
  }

  JsonArray array(String name, int maxItems) {
    Object value = body.getValue(name);
    if (value == null) {
      return new JsonArray();
    }
    if (!(value instanceof JsonArray array) || array.size() > maxItems) {
      throw ContentProblem.badField(name, "must be a list of at most " + maxItems + " items");
    }
    return array;
  }
}
