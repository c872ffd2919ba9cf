package dev.atrium.http;

import dev.atrium.plugin.api.RouteDoc;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The OpenAPI description of one route: its tag and, as a plugin route declares it ({@link
 * RouteDoc}), summary, request body schema and media types, query parameters and responses; path
 * parameters come from the path and the generic error responses from the route's {@link Access}.
 */
public record Operation(String tag, RouteDoc doc) {

  /** An operation of a route described by {@code doc}. */
  public static Operation of(String tag, RouteDoc doc) {
    return new Operation(tag, doc);
  }

  public static Operation of(String tag, String summary) {
    return new Operation(tag, RouteDoc.of(summary));
  }

  public String summary() {
    return doc.summary();
  }

  public JsonObject requestSchema() {
    return doc.requestSchema();
  }

  public Map<Integer, String> responses() {
    return doc.responses();
  }

  /** This operation with a JSON request body of this schema. */
  public Operation body(JsonObject schema) {
    return new Operation(tag, doc.body(schema));
  }

  /** This operation with a body of raw bytes sent as any of {@code mediaTypes}. */
  public Operation rawBody(String... mediaTypes) {
    return new Operation(tag, doc.rawBody(mediaTypes));
  }

  /** This operation with one more query parameter. */
  public Operation query(String name, boolean required, JsonObject schema, String description) {
    return new Operation(tag, doc.query(name, required, schema, description));
  }

  public Operation responds(int status, String description) {
    return new Operation(tag, doc.responds(status, description));
  }

  /** This operation with a response carrying a JSON body of {@code schema}. */
  public Operation responds(int status, String description, JsonObject schema) {
    return new Operation(tag, doc.responds(status, description, schema));
  }

  /** This operation with a response carrying a body of {@code schema} as {@code mediaType}. */
  public Operation responds(int status, String description, String mediaType, JsonObject schema) {
    return new Operation(tag, doc.responds(status, description, mediaType, schema));
  }
}
