package dev.atrium.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Small builders for the JSON Schemas in the OpenAPI document. */
public final class Schemas {
  private Schemas() {}

  /** An object with {@code properties} (name, schema pairs) that allows no other fields. */
  public static JsonObject object(JsonArray required, Object... properties) {
    JsonObject props = new JsonObject();
    for (int i = 0; i < properties.length; i += 2) {
      props.put((String) properties[i], properties[i + 1]);
    }
    return new JsonObject()
        .put("type", "object")
        .put("required", required)
        .put("properties", props)
        .put("additionalProperties", false);
  }

  public static JsonArray required(String... names) {
    return new JsonArray(List.of((Object[]) names));
  }

  public static JsonObject string(int maxLength) {
    return new JsonObject().put("type", "string").put("minLength", 1).put("maxLength", maxLength);
  }

  public static JsonObject dateTime() {
    return new JsonObject().put("type", "string").put("format", "date-time");
  }

  public static JsonObject integer(long min, long max) {
    return new JsonObject().put("type", "integer").put("minimum", min).put("maximum", max);
  }

  public static JsonObject stringArray(int maxItems, int maxLength) {
    return new JsonObject()
        .put("type", "array")
        .put("maxItems", maxItems)
        .put("items", string(maxLength));
  }

  public static JsonObject oneOf(String... values) {
    return new JsonObject()
        .put("type", "string")
        .put("enum", new JsonArray(List.of((Object[]) values)));
  }
}
