package dev.atrium.plugins.content;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;

/**
 * What a template's output is: free text, at most {@code maxChars} long (0: no limit, e.g. a social
 * channel's length limit), or a JSON value valid against {@code schema}, which the generation API
 * enforces with a grammar.
 */
record OutputShape(int maxChars, Optional<JsonObject> schema) {
  static final int MAX_CHARS = 20_000;
  private static final Set<String> FIELDS = Set.of("type", "maxChars", "schema");

  static final OutputShape TEXT = new OutputShape(0, Optional.empty());

  boolean isJson() {
    return schema.isPresent();
  }

  static OutputShape read(JsonObject json) {
    if (json == null) {
      return TEXT;
    }
    JsonFields fields = JsonFields.of(json, FIELDS);
    String type = fields.text("type", 10, "text");
    int maxChars = fields.integer("maxChars", 0, MAX_CHARS, 0);
    return switch (type) {
      case "text" -> {
        if (fields.has("schema")) {
          throw ContentProblem.badField("output.schema", "is only for output of type json");
        }
        yield new OutputShape(maxChars, Optional.empty());
      }
      case "json" -> {
        JsonObject schema = fields.object("schema");
        if (!schema.containsKey("type")) {
          throw ContentProblem.badField(
              "output.schema", "must be a JSON Schema object with a 'type'");
        }
        yield new OutputShape(0, Optional.of(schema));
      }
      default -> throw ContentProblem.badField("output.type", "must be text or json");
    };
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject().put("type", isJson() ? "json" : "text");
    schema.ifPresent(s -> json.put("schema", s.copy()));
    if (maxChars > 0) {
      json.put("maxChars", maxChars);
    }
    return json;
  }
}
