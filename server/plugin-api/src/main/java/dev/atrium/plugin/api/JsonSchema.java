package dev.atrium.plugin.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Builders of the JSON Schemas (draft 2020-12, as OpenAPI 3.1 reads them) that describe response
 * bodies in a {@link RouteDoc} (since SDK 1.8.0). An {@link #object} lists every member of the
 * answer: validating clients and proxies refuse members the schema does not name, so name them all,
 * and mark those that can be null with {@link #nullable}.
 */
public final class JsonSchema {
  private JsonSchema() {}

  /**
   * An object with exactly these members, all of them always present: {@code name, schema} pairs.
   */
  public static JsonObject object(Object... namesAndSchemas) {
    JsonObject properties = new JsonObject();
    JsonArray required = new JsonArray();
    for (int i = 0; i < namesAndSchemas.length; i += 2) {
      properties.put((String) namesAndSchemas[i], namesAndSchemas[i + 1]);
      required.add(namesAndSchemas[i]);
    }
    return new JsonObject()
        .put("type", "object")
        .put("required", required)
        .put("properties", properties);
  }

  /** {@code schema} (an {@link #object}) with more members, always present. */
  public static JsonObject withMembers(JsonObject schema, Object... namesAndSchemas) {
    JsonObject more = object(namesAndSchemas);
    JsonObject copy = schema.copy();
    copy.getJsonObject("properties").mergeIn(more.getJsonObject("properties"));
    copy.getJsonArray("required").addAll(more.getJsonArray("required"));
    return copy;
  }

  /** Atrium's list envelope: {@code {"data": [items...]}}. */
  public static JsonObject dataOf(JsonObject items) {
    return object("data", arrayOf(items));
  }

  /** {@code schema} whose members named {@code names} may be absent. */
  public static JsonObject optional(JsonObject schema, String... names) {
    JsonObject copy = schema.copy();
    JsonArray required = copy.getJsonArray("required");
    List.of(names).forEach(required::remove);
    return copy;
  }

  /** An object whose members are not described (free-form data such as settings). */
  public static JsonObject anyObject() {
    return new JsonObject().put("type", "object");
  }

  /** An object mapping any key to {@code values}. */
  public static JsonObject mapOf(JsonObject values) {
    return new JsonObject().put("type", "object").put("additionalProperties", values);
  }

  public static JsonObject arrayOf(JsonObject items) {
    return new JsonObject().put("type", "array").put("items", items);
  }

  public static JsonObject string() {
    return type("string");
  }

  /** A string of one of {@code values}. */
  public static JsonObject oneOf(String... values) {
    return string().put("enum", new JsonArray(List.of((Object[]) values)));
  }

  public static JsonObject uuid() {
    return string().put("format", "uuid");
  }

  public static JsonObject dateTime() {
    return string().put("format", "date-time");
  }

  public static JsonObject integer() {
    return type("integer");
  }

  public static JsonObject number() {
    return type("number");
  }

  public static JsonObject bool() {
    return type("boolean");
  }

  /** {@code schema} that also accepts null. */
  public static JsonObject nullable(JsonObject schema) {
    JsonObject copy = schema.copy();
    Object type = copy.getValue("type");
    if (type instanceof String single) {
      copy.put("type", new JsonArray().add(single).add("null"));
      JsonArray values = copy.getJsonArray("enum");
      if (values != null) {
        values.addNull();
      }
      return copy;
    }
    return new JsonObject()
        .put("anyOf", new JsonArray().add(schema).add(new JsonObject().put("type", "null")));
  }

  private static JsonObject type(String name) {
    return new JsonObject().put("type", name);
  }
}
