package dev.atrium.contract;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The operations of an OpenAPI document ({@code "POST /api/keys/{id}/rotate"}) and which of them a
 * concrete request path is: a literal segment wins over a path parameter, as routers match.
 */
final class DocumentedOperations {
  private record Template(String path, Pattern pattern, int parameters) {}

  private final JsonObject paths;
  private final List<Template> templates = new ArrayList<>();

  DocumentedOperations(JsonObject document) {
    this.paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      String regex =
          "^"
              + String.join(
                  "[^/]+",
                  List.of(path.split("\\{[^}]+}", -1)).stream().map(Pattern::quote).toList())
              + "$";
      templates.add(new Template(path, Pattern.compile(regex), path.split("\\{").length - 1));
    }
    templates.sort(Comparator.comparingInt(Template::parameters));
  }

  /** Every operation, as {@code "METHOD /path/{param}"}. */
  List<String> all() {
    List<String> all = new ArrayList<>();
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        all.add(method.toUpperCase(Locale.ROOT) + " " + path);
      }
    }
    return all;
  }

  /** The documented operation a request is, if any. */
  Optional<String> of(String method, String requestPath) {
    String lower = method.toLowerCase(Locale.ROOT);
    return templates.stream()
        .filter(t -> t.pattern().matcher(requestPath).matches())
        .filter(t -> paths.getJsonObject(t.path()).containsKey(lower))
        .findFirst()
        .map(t -> method.toUpperCase(Locale.ROOT) + " " + t.path());
  }

  /** The operation's OpenAPI object. */
  JsonObject operation(String operation) {
    String[] parts = operation.split(" ", 2);
    return paths.getJsonObject(parts[1]).getJsonObject(parts[0].toLowerCase(Locale.ROOT));
  }
}
