package dev.atrium.plugin.api;

import static java.util.Objects.requireNonNull;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * A route's entry in the platform's OpenAPI document (the plugin's fragment): a summary, the JSON
 * Schema of its request body (null for none) and its success responses. The host adds the
 * authentication, the error responses and the {@code /v1/<plugin-id>} prefix.
 */
public record RouteDoc(String summary, JsonObject requestSchema, Map<Integer, String> responses) {

  public RouteDoc {
    requireNonNull(summary, "summary is null");
    responses = Map.copyOf(requireNonNull(responses, "responses is null"));
  }

  /** A route answering 200 with no request body. */
  public static RouteDoc of(String summary) {
    return new RouteDoc(summary, null, Map.of(200, "OK"));
  }

  /** This route with a JSON request body of this schema. */
  public RouteDoc body(JsonObject schema) {
    return new RouteDoc(summary, schema, responses);
  }

  /** This route with one more response; a 2xx response replaces the default 200. */
  public RouteDoc responds(int status, String description) {
    Map<Integer, String> copy = new TreeMap<>(responses);
    if (status >= 200 && status < 300) {
      copy.keySet().removeIf(s -> s >= 200 && s < 300);
    }
    copy.put(status, description);
    return new RouteDoc(summary, requestSchema, copy);
  }
}
