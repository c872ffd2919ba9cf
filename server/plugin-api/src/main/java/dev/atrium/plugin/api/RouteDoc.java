package dev.atrium.plugin.api;

import static java.util.Objects.requireNonNull;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A route's entry in the platform's OpenAPI document (the plugin's fragment): a summary, the JSON
 * Schema of its request body (null for none) and the media types it is sent as, its query
 * parameters, and its responses. The host adds the path parameters, the authentication, the generic
 * error responses and the {@code /v1/<plugin-id>} prefix.
 *
 * <p>Since SDK 1.7.0: {@link #query}, {@link #rawBody}, {@link #body(JsonObject, String...)}, so a
 * plugin using them declares {@code plugin.requires=>=1.7.0}.
 */
public record RouteDoc(
    String summary,
    JsonObject requestSchema,
    Map<Integer, String> responses,
    List<String> bodyTypes,
    List<QueryParameter> query) {
  /** The media type of a JSON body. */
  public static final String JSON = "application/json";

  /** A query parameter: its name, whether it is required, its JSON Schema and what it means. */
  public record QueryParameter(
      String name, boolean required, JsonObject schema, String description) {
    public QueryParameter {
      requireNonNull(name, "name is null");
      requireNonNull(schema, "schema is null");
      requireNonNull(description, "description is null");
    }
  }

  public RouteDoc {
    requireNonNull(summary, "summary is null");
    responses = Map.copyOf(requireNonNull(responses, "responses is null"));
    bodyTypes = List.copyOf(requireNonNull(bodyTypes, "bodyTypes is null"));
    query = List.copyOf(requireNonNull(query, "query is null"));
    if (requestSchema != null && bodyTypes.isEmpty()) {
      throw new IllegalArgumentException("a request body needs at least one media type");
    }
  }

  /** A route with a JSON body of {@code requestSchema} (or none) and no query parameters. */
  public RouteDoc(String summary, JsonObject requestSchema, Map<Integer, String> responses) {
    this(summary, requestSchema, responses, List.of(JSON), List.of());
  }

  /** A route answering 200 with no request body. */
  public static RouteDoc of(String summary) {
    return new RouteDoc(summary, null, Map.of(200, "OK"));
  }

  /** This route with a JSON request body of this schema. */
  public RouteDoc body(JsonObject schema) {
    return new RouteDoc(summary, schema, responses, List.of(JSON), query);
  }

  /** This route with a request body of this schema sent as any of {@code mediaTypes}. */
  public RouteDoc body(JsonObject schema, String... mediaTypes) {
    return new RouteDoc(summary, schema, responses, List.of(mediaTypes), query);
  }

  /** This route with a body of raw bytes sent as any of {@code mediaTypes} (e.g. a file upload). */
  public RouteDoc rawBody(String... mediaTypes) {
    return body(new JsonObject().put("type", "string").put("format", "binary"), mediaTypes);
  }

  /** This route with one more query parameter. */
  public RouteDoc query(String name, boolean required, JsonObject schema, String description) {
    List<QueryParameter> more = new ArrayList<>(query);
    more.add(new QueryParameter(name, required, schema, description));
    return new RouteDoc(summary, requestSchema, responses, bodyTypes, more);
  }

  /** This route with one more response; a 2xx response replaces the default 200. */
  public RouteDoc responds(int status, String description) {
    Map<Integer, String> copy = new TreeMap<>(responses);
    if (status >= 200 && status < 300) {
      copy.keySet().removeIf(s -> s >= 200 && s < 300);
    }
    copy.put(status, description);
    return new RouteDoc(summary, requestSchema, copy, bodyTypes, query);
  }
}
