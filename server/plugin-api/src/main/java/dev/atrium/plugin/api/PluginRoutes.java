package dev.atrium.plugin.api;

import io.vertx.core.http.HttpMethod;

/**
 * Where a plugin declares its HTTP routes. Paths are relative to {@code /v1/<plugin-id>}, start
 * with {@code /} and may hold parameters in OpenAPI form ({@code /documents/{id}}), each matching
 * one path segment.
 */
public interface PluginRoutes {

  /** Serves {@code method path} with {@code handler}, documented by {@code doc}. */
  void add(HttpMethod method, String path, RouteDoc doc, RouteHandler handler);

  default void get(String path, RouteDoc doc, RouteHandler handler) {
    add(HttpMethod.GET, path, doc, handler);
  }

  default void post(String path, RouteDoc doc, RouteHandler handler) {
    add(HttpMethod.POST, path, doc, handler);
  }

  default void put(String path, RouteDoc doc, RouteHandler handler) {
    add(HttpMethod.PUT, path, doc, handler);
  }

  default void delete(String path, RouteDoc doc, RouteHandler handler) {
    add(HttpMethod.DELETE, path, doc, handler);
  }
}
