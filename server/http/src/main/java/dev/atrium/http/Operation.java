package dev.atrium.http;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI description of one route: summary, tag, request body schema (null for none) and the
 * success responses; error responses are added from the route's {@link Access}.
 */
public record Operation(
    String summary, String tag, JsonObject requestSchema, Map<Integer, String> responses) {

  public Operation {
    responses = Map.copyOf(responses);
  }

  public static Operation of(String tag, String summary) {
    return new Operation(summary, tag, null, Map.of(200, "OK"));
  }

  public Operation body(JsonObject schema) {
    return new Operation(summary, tag, schema, responses);
  }

  public Operation responds(int status, String description) {
    Map<Integer, String> copy = new TreeMap<>(responses);
    if (status >= 200 && status < 300) {
      copy.keySet().removeIf(s -> s >= 200 && s < 300);
    }
    copy.put(status, description);
    return new Operation(summary, tag, requestSchema, copy);
  }
}
