package dev.atrium.http;

import dev.atrium.plugin.api.JsonSchema;
import dev.atrium.plugin.api.RouteDoc;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 document served at {@code /openapi.json}, filled by {@link ApiRoutes} as routes
 * are mounted, so every route is described by construction.
 */
public final class OpenApiDocument {
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

  private final JsonObject paths = new JsonObject();
  private final String version;

  public OpenApiDocument(String version) {
    this.version = version;
  }

  public synchronized void add(String path, HttpMethod method, Access access, Operation operation) {
    JsonObject item = paths.getJsonObject(path);
    if (item == null) {
      item = new JsonObject();
      paths.put(path, item);
    }
    item.put(method.name().toLowerCase(Locale.ROOT), describe(path, method, access, operation));
  }

  /** Removes every path that is {@code prefix} or below it (an uninstalled plugin's routes). */
  public synchronized void removePaths(String prefix) {
    paths.fieldNames().removeIf(p -> p.equals(prefix) || p.startsWith(prefix + "/"));
  }

  /** True when {@code path} (OpenAPI form) has an operation for {@code method}. */
  public synchronized boolean describes(String path, HttpMethod method) {
    JsonObject item = paths.getJsonObject(path);
    return item != null && item.containsKey(method.name().toLowerCase(Locale.ROOT));
  }

  public synchronized JsonObject json() {
    return new JsonObject()
        .put("openapi", "3.1.0")
        .put(
            "info",
            new JsonObject()
                .put("title", "Atrium API")
                .put("version", version)
                .put(
                    "description",
                    "Multi-tenant AI platform. Errors are application/problem+json (RFC 9457)."))
        .put("paths", paths.copy())
        .put("components", components());
  }

  private static JsonObject describe(
      String path, HttpMethod method, Access access, Operation operation) {
    JsonObject op =
        new JsonObject()
            .put("operationId", operationId(method, path))
            .put("summary", operation.summary())
            .put("description", access.describe())
            .put("tags", new JsonArray().add(operation.tag()))
            .put("x-atrium-access", access.toJson());
    JsonArray parameters = new JsonArray();
    Matcher m = PATH_PARAMETER.matcher(path);
    while (m.find()) {
      parameters.add(
          new JsonObject()
              .put("name", m.group(1))
              .put("in", "path")
              .put("required", true)
              .put("schema", new JsonObject().put("type", "string")));
    }
    boolean inPath = !parameters.isEmpty();
    for (RouteDoc.QueryParameter q : operation.doc().query()) {
      parameters.add(
          new JsonObject()
              .put("name", q.name())
              .put("in", "query")
              .put("required", q.required())
              .put("description", q.description())
              .put("schema", q.schema()));
    }
    if (!parameters.isEmpty()) {
      op.put("parameters", parameters);
    }
    switch (access.kind()) {
      case USER, MEMBER, OPERATOR ->
          op.put(
              "security",
              new JsonArray().add(new JsonObject().put("dashboardToken", new JsonArray())));
      case API_KEY ->
          op.put("security", new JsonArray().add(new JsonObject().put("apiKey", new JsonArray())));
      case PUBLIC -> op.put("security", new JsonArray());
    }
    if (operation.requestSchema() != null) {
      JsonObject content = new JsonObject();
      operation
          .doc()
          .bodyTypes()
          .forEach(
              type -> content.put(type, new JsonObject().put("schema", operation.requestSchema())));
      op.put("requestBody", new JsonObject().put("required", true).put("content", content));
    }
    JsonObject responses = new JsonObject();
    operation.responses().entrySet().stream()
        .filter(r -> r.getKey() < 400)
        .forEach(
            r ->
                responses.put(
                    Integer.toString(r.getKey()),
                    withBodies(
                        new JsonObject().put("description", r.getValue()),
                        r.getKey(),
                        operation.doc())));
    if (operation.requestSchema() != null) {
      List<String> types = operation.doc().bodyTypes();
      responses.put(
          "400",
          problem(
              types.contains(RouteDoc.JSON)
                  ? "Malformed JSON, unknown or invalid fields."
                  : "The body or a query parameter is invalid."));
      responses.put("413", problem("Body larger than the configured limit."));
      responses.put("415", problem("Body is not " + String.join(" or ", types) + "."));
    } else if (!operation.doc().query().isEmpty()) {
      responses.put("400", problem("A query parameter is unknown or invalid."));
    }
    if (access.kind() != Access.Kind.PUBLIC) {
      responses.put("401", problem("Missing, invalid, expired or revoked credentials."));
      responses.put("403", problem("The caller's role or scope does not allow this."));
    }
    if (inPath) {
      responses.put("404", problem("No such resource in the caller's tenant."));
    }
    // The errors the operation declares itself win over the generic descriptions above.
    operation.responses().entrySet().stream()
        .filter(r -> r.getKey() >= 400)
        .forEach(r -> responses.put(Integer.toString(r.getKey()), problem(r.getValue())));
    responses.put("default", problem("Any other error."));
    return op.put("responses", responses);
  }

  /** {@code response} with the bodies {@code doc} declares for {@code status}, if any. */
  private static JsonObject withBodies(JsonObject response, int status, RouteDoc doc) {
    JsonObject content = new JsonObject();
    doc.responseBodies().stream()
        .filter(b -> b.status() == status)
        .forEach(b -> content.put(b.mediaType(), new JsonObject().put("schema", b.schema())));
    return content.isEmpty() ? response : response.put("content", content);
  }

  private static JsonObject problem(String description) {
    return new JsonObject()
        .put("description", description)
        .put(
            "content",
            new JsonObject()
                .put(
                    ProblemHandler.CONTENT_TYPE,
                    new JsonObject()
                        .put(
                            "schema",
                            new JsonObject().put("$ref", "#/components/schemas/Problem"))));
  }

  private static String operationId(HttpMethod method, String path) {
    StringBuilder id = new StringBuilder(method.name().toLowerCase(Locale.ROOT));
    for (String part : path.split("[/{}.-]+")) {
      if (!part.isEmpty()) {
        id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return id.toString();
  }

  private static JsonObject components() {
    JsonObject problem =
        new JsonObject()
            .put("type", "object")
            .put("required", new JsonArray().add("type").add("status").add("code").add("detail"))
            .put(
                "properties",
                new JsonObject()
                    .put("type", new JsonObject().put("type", "string").put("format", "uri"))
                    .put("title", new JsonObject().put("type", "string"))
                    .put("status", new JsonObject().put("type", "integer"))
                    .put("code", new JsonObject().put("type", "string"))
                    .put("detail", new JsonObject().put("type", "string"))
                    .put("requestId", new JsonObject().put("type", "string"))
                    .put("instance", new JsonObject().put("type", "string"))
                    .put(
                        "error",
                        JsonSchema.object(
                            "message", JsonSchema.string(),
                            "type", JsonSchema.string(),
                            "code", JsonSchema.string(),
                            "param", JsonSchema.nullable(JsonSchema.string()))))
            // RFC 9457 extension members, which Atrium writes as strings (e.g. "retryAfter").
            .put("additionalProperties", JsonSchema.string());
    return new JsonObject()
        .put("schemas", new JsonObject().put("Problem", problem))
        .put(
            "securitySchemes",
            new JsonObject()
                .put(
                    "dashboardToken",
                    new JsonObject()
                        .put("type", "http")
                        .put("scheme", "bearer")
                        .put("bearerFormat", "JWT")
                        .put("description", "From POST /api/auth/login or /api/auth/signup."))
                .put(
                    "apiKey",
                    new JsonObject()
                        .put("type", "http")
                        .put("scheme", "bearer")
                        .put("description", "An API key from POST /api/keys (atr_...).")));
  }
}
