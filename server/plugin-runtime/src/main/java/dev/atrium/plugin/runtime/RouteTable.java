package dev.atrium.plugin.runtime;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.PluginRoutes;
import dev.atrium.plugin.api.RouteDoc;
import dev.atrium.plugin.api.RouteHandler;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The routes one plugin version declared, and the matching of a request path (below {@code
 * /v1/<plugin-id>}) to one of them. Literal segments match exactly, {@code {name}} matches any one
 * segment. The host serves requests through it and the testkit calls routes through it, so a route
 * a test reaches is one the server reaches. A bad declaration throws {@link
 * IllegalArgumentException} saying what to fix.
 */
public final class RouteTable implements PluginRoutes {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+|\\{[A-Za-z0-9_]+}");
  private static final Set<HttpMethod> METHODS =
      Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  /** One declared route. */
  public record Route(HttpMethod method, String path, RouteDoc doc, RouteHandler handler) {
    public List<String> segments() {
      return segmentsOf(path);
    }
  }

  /** A route with the values of its path parameters. */
  public record Match(Route route, Map<String, String> pathParams) {}

  private final List<Route> routes = new ArrayList<>();
  private final Set<String> signatures = new HashSet<>();

  @Override
  public void add(HttpMethod method, String path, RouteDoc doc, RouteHandler handler) {
    requireNonNull(method, "method is null");
    requireNonNull(path, "path is null");
    requireNonNull(doc, "doc is null");
    requireNonNull(handler, "handler is null");
    if (!METHODS.contains(method)) {
      throw refused("method " + method + " is not supported; use GET, POST, PUT, PATCH or DELETE");
    }
    if (!path.startsWith("/") || path.length() > 200) {
      throw refused("route path '" + path + "' must start with '/' (at most 200 characters)");
    }
    List<String> segments = segmentsOf(path);
    for (String segment : segments) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw refused("route path '" + path + "' has an invalid segment '" + segment + "'");
      }
    }
    String signature = method + " " + String.join("/", shape(segments));
    if (!signatures.add(signature)) {
      throw refused("route " + method + " " + path + " is declared twice");
    }
    routes.add(new Route(method, path, doc, handler));
  }

  public List<Route> routes() {
    return List.copyOf(routes);
  }

  /** The route for {@code method path}, if any. */
  public Optional<Match> match(HttpMethod method, String path) {
    List<String> segments = segmentsOf(path);
    for (Route route : routes) {
      if (route.method().equals(method)) {
        Map<String, String> params = bind(route.segments(), segments);
        if (params != null) {
          return Optional.of(new Match(route, params));
        }
      }
    }
    return Optional.empty();
  }

  /** True when some route serves {@code path} with another method (a 405, not a 404). */
  public boolean servesPath(String path) {
    List<String> segments = segmentsOf(path);
    return routes.stream().anyMatch(r -> bind(r.segments(), segments) != null);
  }

  private static Map<String, String> bind(List<String> pattern, List<String> actual) {
    if (pattern.size() != actual.size()) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < pattern.size(); i++) {
      String expected = pattern.get(i);
      if (expected.startsWith("{")) {
        params.put(expected.substring(1, expected.length() - 1), actual.get(i));
      } else if (!expected.equals(actual.get(i))) {
        return null;
      }
    }
    return params;
  }

  private static List<String> shape(List<String> segments) {
    return segments.stream().map(s -> s.startsWith("{") ? "{}" : s).toList();
  }

  private static List<String> segmentsOf(String path) {
    List<String> segments = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        segments.add(part);
      }
    }
    return segments;
  }

  private static IllegalArgumentException refused(String detail) {
    return new IllegalArgumentException("The plugin's " + detail + ".");
  }
}
