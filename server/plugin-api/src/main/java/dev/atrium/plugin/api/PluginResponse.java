package dev.atrium.plugin.api;

import static java.util.Objects.requireNonNull;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a plugin route answers: a status, a body (empty for none) with its media type, and extra
 * headers.
 */
public record PluginResponse(
    int status, String contentType, Buffer body, Map<String, String> headers) {

  public PluginResponse {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP status, not " + status);
    }
    requireNonNull(contentType, "contentType is null");
    requireNonNull(body, "body is null");
    headers = Map.copyOf(requireNonNull(headers, "headers is null"));
  }

  public static PluginResponse json(JsonObject body) {
    return json(200, body);
  }

  public static PluginResponse json(int status, JsonObject body) {
    return new PluginResponse(status, "application/json", body.toBuffer(), Map.of());
  }

  public static PluginResponse text(String body) {
    return new PluginResponse(200, "text/plain; charset=utf-8", Buffer.buffer(body), Map.of());
  }

  public static PluginResponse bytes(Buffer body, String contentType) {
    return new PluginResponse(200, contentType, body, Map.of());
  }

  public static PluginResponse noContent() {
    return new PluginResponse(204, "text/plain", Buffer.buffer(), Map.of());
  }

  /**
   * An RFC 9457 problem in the platform's shape: {@code code} is stable and for programs, {@code
   * detail} is for people.
   */
  public static PluginResponse problem(int status, String code, String detail) {
    JsonObject body =
        new JsonObject()
            .put("type", "https://atrium.dev/problems/" + code)
            .put("status", status)
            .put("code", code)
            .put("detail", detail);
    return new PluginResponse(status, "application/problem+json", body.toBuffer(), Map.of());
  }

  public PluginResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new PluginResponse(status, contentType, body, copy);
  }
}
