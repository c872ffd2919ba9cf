package dev.atrium.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One operation of a bundled plugin as {@code /openapi.json} documents it: what the sweeps read to
 * decide what to send (its path parameter, its query parameters and their schemas, its request
 * body's media types and schema, whether it is metered).
 */
record PluginOperation(String method, String path, JsonObject described) {

  /** The documented operations of the bundled plugins ({@link ContractTenant#PLUGINS}). */
  static List<PluginOperation> bundled(DocumentedOperations operations) {
    List<PluginOperation> bundled = new ArrayList<>();
    for (String operation : operations.all()) {
      String[] parts = operation.split(" ", 2);
      if (Arrays.stream(ContractTenant.PLUGINS)
          .anyMatch(p -> parts[1].startsWith("/v1/" + p + "/"))) {
        bundled.add(new PluginOperation(parts[0], parts[1], operations.operation(operation)));
      }
    }
    return bundled;
  }

  /** {@code "POST /v1/fraud/alerts/{id}/assign"}, as {@link ValidatingClient} names it. */
  String name() {
    return method + " " + path;
  }

  /** Whether the path names a resource by id. */
  boolean hasPathId() {
    return path.contains("{");
  }

  /** The path up to its id ({@code /v1/fraud/alerts/}): which kind of resource the id names. */
  String resource() {
    return path.substring(0, path.indexOf('{'));
  }

  /** The path with its id set to {@code id}. */
  String with(String id) {
    return path.replaceAll("\\{[^}]+}", id);
  }

  /** The id in {@code requestPath}, a path of this operation. */
  String idIn(String requestPath) {
    String after = path.substring(path.indexOf('}') + 1);
    return requestPath.substring(resource().length(), requestPath.length() - after.length());
  }

  boolean metered() {
    return described.getJsonObject("x-atrium-access").getBoolean("metered", false);
  }

  /** The query parameters, each with its {@code name}, {@code required} and {@code schema}. */
  List<JsonObject> queryParameters() {
    return described.getJsonArray("parameters", new JsonArray()).stream()
        .map(JsonObject.class::cast)
        .filter(p -> p.getString("in").equals("query"))
        .toList();
  }

  /** The media types the request body may have; empty when it takes none. */
  Set<String> bodyMediaTypes() {
    JsonObject body = described.getJsonObject("requestBody");
    return body == null ? Set.of() : body.getJsonObject("content").fieldNames();
  }

  /** The schema of a JSON request body, if the operation takes one. */
  Optional<JsonObject> jsonBodySchema() {
    JsonObject body = described.getJsonObject("requestBody");
    if (body == null || !body.getJsonObject("content").containsKey("application/json")) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        body.getJsonObject("content").getJsonObject("application/json").getJsonObject("schema"));
  }

  @Override
  public String toString() {
    return name();
  }
}
