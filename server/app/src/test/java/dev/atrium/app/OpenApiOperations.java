package dev.atrium.app;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every operation a running server documents in {@code /openapi.json}, plugin routes included, for
 * the tests that sweep them all: a route is covered as soon as it is mounted.
 */
public final class OpenApiOperations {
  private OpenApiOperations() {}

  /** One documented operation and its {@code x-atrium-access} rule. */
  public record Operation(HttpMethod method, String path, JsonObject access) {
    public String kind() {
      return access.getString("kind");
    }

    public boolean metered() {
      return access.getBoolean("metered", false);
    }

    /** Whether the path names a resource by id ({@code /api/keys/{id}}). */
    public boolean hasPathId() {
      return path.contains("{");
    }

    /** The path with every parameter set to {@code value}. */
    public String with(String value) {
      return path.replaceAll("\\{[^}]+}", value);
    }

    @Override
    public String toString() {
      return method.name() + " " + path;
    }
  }

  public static List<Operation> of(ApiClient api) {
    JsonObject paths = api.get("/openapi.json", null).bodyAsJsonObject().getJsonObject("paths");
    List<Operation> operations = new ArrayList<>();
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        operations.add(
            new Operation(
                HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)),
                path,
                item.getJsonObject(method).getJsonObject("x-atrium-access")));
      }
    }
    return operations;
  }
}
