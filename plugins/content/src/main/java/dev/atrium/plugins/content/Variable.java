package dev.atrium.plugins.content;

import static java.util.Objects.requireNonNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A typed variable of a template.
 *
 * @param name letters, digits and {@code _}, used as {@code {{name}}} in the prompt
 * @param type what values it takes
 * @param required whether a value must be given
 * @param options the allowed values of an {@link Type#ENUM}
 * @param maxLength the longest text (or list item), in characters
 * @param minimum the smallest number (for {@link Type#NUMBER})
 * @param maximum the largest number (for {@link Type#NUMBER}) or most items (for {@link Type#LIST})
 * @param description what to fill in, for people
 */
record Variable(
    String name,
    Type type,
    boolean required,
    List<String> options,
    int maxLength,
    double minimum,
    double maximum,
    String description) {

  static final int MAX_TEXT = 4000;
  static final int MAX_ITEMS = 50;
  private static final Set<String> FIELDS =
      Set.of(
          "name", "type", "required", "options", "maxLength", "minimum", "maximum", "description");

  /** The kinds of values. */
  enum Type {
    TEXT,
    NUMBER,
    ENUM,
    LIST;

    String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  Variable {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    options = List.copyOf(options);
    requireNonNull(description, "description is null");
  }

  /** Reads a variable declaration, refusing a malformed one with a problem naming it. */
  static Variable read(JsonObject json, int position) {
    String where = "variables[" + position + "]";
    JsonFields fields = JsonFields.of(json, FIELDS);
    if (!(json.getValue("name") instanceof String name)
        || !name.matches("[A-Za-z_][A-Za-z0-9_]{0,39}")) {
      throw ContentProblem.badField(
          where + ".name",
          "must be letters, digits and '_' (at most 40), not starting with a digit");
    }
    Type type;
    try {
      type = Type.valueOf(fields.text("type", 10).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | ContentProblem e) {
      throw ContentProblem.badField(where + ".type", "must be one of text, number, enum, list");
    }
    List<String> options = fields.texts("options", 50, 200);
    if (type == Type.ENUM && options.isEmpty()) {
      throw ContentProblem.badField(where + ".options", "must list the values of an enum variable");
    }
    double minimum = number(json, "minimum", type == Type.LIST ? 0 : -1e12, where);
    double maximum = number(json, "maximum", type == Type.LIST ? MAX_ITEMS : 1e12, where);
    if (minimum > maximum) {
      throw ContentProblem.badField(where + ".minimum", "must not be above maximum");
    }
    return new Variable(
        name,
        type,
        fields.flag("required", true),
        options,
        fields.integer("maxLength", 1, MAX_TEXT, 1000),
        minimum,
        maximum,
        fields.text("description", 500, ""));
  }

  private static double number(JsonObject json, String field, double fallback, String where) {
    Object value = json.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number n)) {
      throw ContentProblem.badField(where + "." + field, "must be a number");
    }
    return n.doubleValue();
  }

  JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("name", name)
            .put("type", type.wire())
            .put("required", required)
            .put("maxLength", maxLength);
    if (!description.isEmpty()) {
      json.put("description", description);
    }
    if (type == Type.ENUM) {
      json.put("options", new JsonArray(List.copyOf(options)));
    }
    if (type == Type.NUMBER || type == Type.LIST) {
      json.put("minimum", minimum).put("maximum", maximum);
    }
    return json;
  }
}
