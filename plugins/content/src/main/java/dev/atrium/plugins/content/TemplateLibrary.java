package dev.atrium.plugins.content;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in templates, English and Chinese, read once from {@code content/templates.json} in the
 * plugin's archive with the same checks as a tenant's templates.
 */
final class TemplateLibrary {
  private final Map<String, Template> templates;

  private TemplateLibrary(Map<String, Template> templates) {
    this.templates = Map.copyOf(templates);
    this.ordered = List.copyOf(templates.values());
  }

  private final List<Template> ordered;

  static TemplateLibrary load() {
    try (InputStream in =
        TemplateLibrary.class.getClassLoader().getResourceAsStream("content/templates.json")) {
      if (in == null) {
        throw new IllegalStateException("content/templates.json is missing from the plugin");
      }
      JsonArray array = new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      Map<String, Template> templates = new LinkedHashMap<>();
      for (Object item : array) {
        JsonObject json = ((JsonObject) item).copy();
        String id = (String) json.remove("id");
        templates.put(id, Template.read(id, json, true));
      }
      return new TemplateLibrary(templates);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Optional<Template> find(String id) {
    return Optional.ofNullable(templates.get(id));
  }

  List<Template> all() {
    return ordered;
  }
}
