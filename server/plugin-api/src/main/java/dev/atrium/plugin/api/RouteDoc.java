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
 * parameters, its responses and the bodies they carry. The host adds the path parameters, the
 * authentication, the generic error responses and the {@code /v1/<plugin-id>} prefix.
 *
 * <p>Since SDK 1.7.0: {@link #query}, {@link #rawBody}, {@link #body(JsonObject, String...)}, so a
 * plugin using them declares {@code plugin.requires=>=1.7.0}. Since SDK 1.8.0: response bodies
 * ({@link #responds(int, String, JsonObject)}, {@link #responds(int, String, String, JsonObject)},
 * {@link #responseBodies}), so a plugin using them declares {@code plugin.requires=>=1.8.0}.
 */
public record RouteDoc(
    String summary,
    JsonObject requestSchema,
    Map<Integer, String> responses,
    List<String> bodyTypes,
    List<QueryParameter> query,
    List<ResponseBody> responseBodies) {
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

  /**
   * The body a response with {@code status} carries as {@code mediaType}, described by a JSON
   * Schema (since SDK 1.8.0). Error bodies need none: the host documents every 4xx and 5xx as an
   * RFC 9457 problem.
   */
  public record ResponseBody(int status, String mediaType, JsonObject schema) {
    public ResponseBody {
      requireNonNull(mediaType, "mediaType is null");
      requireNonNull(schema, "schema is null");
    }
  }

  public RouteDoc {
    requireNonNull(summary, "summary is null");
    responses = Map.copyOf(requireNonNull(responses, "responses is null"));
    bodyTypes = List.copyOf(requireNonNull(bodyTypes, "bodyTypes is null"));
    query = List.copyOf(requireNonNull(query, "query is null"));
    responseBodies = List.copyOf(requireNonNull(responseBodies, "responseBodies is null"));
    if (requestSchema != null && bodyTypes.isEmpty()) {
      throw new IllegalArgumentException("a request body needs at least one media type");
    }
    for (ResponseBody body : responseBodies) {
      if (!responses.containsKey(body.status())) {
        throw new IllegalArgumentException("a body for the undeclared response " + body.status());
      }
    }
  }

  /** The SDK 1.7.0 form: responses without declared bodies. */
  public RouteDoc(
      String summary,
      JsonObject requestSchema,
      Map<Integer, String> responses,
      List<String> bodyTypes,
      List<QueryParameter> query) {
    this(summary, requestSchema, responses, bodyTypes, query, List.of());
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
    return body(schema, JSON);
  }

  /** This route with a request body of this schema sent as any of {@code mediaTypes}. */
  public RouteDoc body(JsonObject schema, String... mediaTypes) {
    return new RouteDoc(summary, schema, responses, List.of(mediaTypes), query, responseBodies);
  }

  /** This route with a body of raw bytes sent as any of {@code mediaTypes} (e.g. a file upload). */
  public RouteDoc rawBody(String... mediaTypes) {
    return body(new JsonObject().put("type", "string").put("format", "binary"), mediaTypes);
  }

  /** This route with one more query parameter. */
  public RouteDoc query(String name, boolean required, JsonObject schema, String description) {
    List<QueryParameter> more = new ArrayList<>(query);
    more.add(new QueryParameter(name, required, schema, description));
    return new RouteDoc(summary, requestSchema, responses, bodyTypes, more, responseBodies);
  }

  /**
   * This route with one more response and no body; a 2xx response replaces the other 2xx ones (the
   * default 200 among them).
   */
  public RouteDoc responds(int status, String description) {
    Map<Integer, String> copy = new TreeMap<>(responses);
    List<ResponseBody> bodies = new ArrayList<>(responseBodies);
    if (status >= 200 && status < 300) {
      copy.keySet().removeIf(s -> s >= 200 && s < 300);
      bodies.removeIf(b -> b.status() >= 200 && b.status() < 300);
    }
    bodies.removeIf(b -> b.status() == status);
    copy.put(status, description);
    return new RouteDoc(summary, requestSchema, copy, bodyTypes, query, bodies);
  }

  /**
   * This route with one more response carrying a JSON body of {@code schema}; a 2xx response
   * replaces the other 2xx ones (since SDK 1.8.0).
   */
  public RouteDoc responds(int status, String description, JsonObject schema) {
    return responds(status, description, JSON, schema);
  }

  /**
   * This route with one more response carrying a body of {@code schema} sent as {@code mediaType};
   * declaring the same status again adds another media type (a CSV next to the JSON), any other 2xx
   * status replaces the other 2xx ones (since SDK 1.8.0).
   */
  public RouteDoc responds(int status, String description, String mediaType, JsonObject schema) {
    List<ResponseBody> kept =
        responses.containsKey(status)
            ? responseBodies.stream().filter(b -> b.status() == status).toList()
            : List.of();
    RouteDoc declared = responds(status, description);
    List<ResponseBody> bodies = new ArrayList<>(declared.responseBodies);
    bodies.addAll(kept.stream().filter(b -> !b.mediaType().equals(mediaType)).toList());
    bodies.add(new ResponseBody(status, mediaType, schema));
    return new RouteDoc(summary, requestSchema, declared.responses, bodyTypes, query, bodies);
  }
}
