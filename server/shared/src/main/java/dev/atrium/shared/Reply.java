package dev.atrium.shared;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: a status, a body (null for none) and its media type, and extra headers.
 */
public record Reply(int status, Buffer body, String contentType, Map<String, String> headers) {

  public static Reply ok(JsonObject body) {
    return json(200, body);
  }

  public static Reply created(JsonObject body) {
    return json(201, body);
  }

  public static Reply json(int status, JsonObject body) {
    return new Reply(status, body.toBuffer(), "application/json", Map.of());
  }

  public static Reply list(JsonArray items) {
    return ok(new JsonObject().put("data", items));
  }

  public static Reply noContent() {
    return new Reply(204, null, null, Map.of());
  }

  public static Reply text(String body, String contentType) {
    return new Reply(200, Buffer.buffer(body), contentType, Map.of());
  }

  public Reply withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, body, contentType, copy);
  }
}
