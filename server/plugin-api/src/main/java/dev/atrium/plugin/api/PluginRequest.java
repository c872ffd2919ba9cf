package dev.atrium.plugin.api;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One call to a plugin route, already authenticated and admitted by the host.
 *
 * @param tenantId the calling tenant: use it with {@link PluginContext#tenant(String)} and in
 *     inference requests
 * @param keyId the API key that called
 * @param method the HTTP method
 * @param path the path below {@code /v1/<plugin-id>}, e.g. {@code /documents/42}
 * @param pathParams the values of the route's {@code {name}} segments
 * @param query the query parameters
 * @param headers the request headers
 * @param body the request body (empty when none)
 * @param deadline when the host answers 504 if the plugin has not answered
 * @param done completes when the request is over (answered, timed out or the client left): pass it
 *     as {@code cancelWhen} to the inference client so abandoned work is never computed
 * @param events where the route can stream server-sent events before it answers ({@link
 *     EventSink#NONE} where the host cannot stream); since SDK 1.5.0
 */
public record PluginRequest(
    String tenantId,
    String keyId,
    HttpMethod method,
    String path,
    Map<String, String> pathParams,
    MultiMap query,
    MultiMap headers,
    Buffer body,
    Instant deadline,
    Future<Void> done,
    EventSink events) {

  public PluginRequest {
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(keyId, "keyId is null");
    requireNonNull(method, "method is null");
    requireNonNull(path, "path is null");
    pathParams = Map.copyOf(requireNonNull(pathParams, "pathParams is null"));
    requireNonNull(query, "query is null");
    requireNonNull(headers, "headers is null");
    requireNonNull(body, "body is null");
    requireNonNull(deadline, "deadline is null");
    requireNonNull(done, "done is null");
    requireNonNull(events, "events is null");
  }

  /** A request whose route cannot stream events ({@link EventSink#NONE}), as before SDK 1.5.0. */
  public PluginRequest(
      String tenantId,
      String keyId,
      HttpMethod method,
      String path,
      Map<String, String> pathParams,
      MultiMap query,
      MultiMap headers,
      Buffer body,
      Instant deadline,
      Future<Void> done) {
    this(
        tenantId,
        keyId,
        method,
        path,
        pathParams,
        query,
        headers,
        body,
        deadline,
        done,
        EventSink.NONE);
  }

  /**
   * The body as a JSON object ({@code {}} when there is no body), read by {@link StrictJson}: since
   * 1.4.0 comments, duplicate members, invalid UTF-8 and control characters in strings are refused
   * too. Throws {@link InvalidJsonException} (a {@code DecodeException}), which the host answers
   * with {@code 400} and its code ({@code malformed_json}, {@code duplicate_key}, {@code
   * invalid_utf8}, {@code invalid_characters}).
   */
  public JsonObject bodyAsJson() {
    return body.length() == 0 ? new JsonObject() : StrictJson.object(body);
  }

  /** The value of path parameter {@code name}. */
  public String pathParam(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw new IllegalArgumentException("the route has no path parameter '" + name + "'");
    }
    return value;
  }

  /** The first value of query parameter {@code name}, if present. */
  public Optional<String> queryParam(String name) {
    return Optional.ofNullable(query.get(name));
  }
}
