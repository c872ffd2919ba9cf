package dev.atrium.plugins.tutoring;

import dev.atrium.plugin.api.StrictJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an item bank from JSON ({@code {"items": [...]}}) or CSV (one item per row), checks every
 * item against the course, and refuses the whole import at the first bad item, naming its row (CSV)
 * or position (JSON) and the field. In CSV, list cells separate their values with {@code |} and a
 * rubric point's keywords follow {@code ::}, separated by {@code ;}.
 */
final class ItemImport {
  /** The fields of an item, as the import's schema names them: also the CSV columns. */
  static final Set<String> COLUMNS =
      Set.copyOf(TutoringSchemas.IMPORTED_ITEM.getJsonObject("properties").fieldNames());

  static final int MAX_ITEMS = 5000;
  private static final String ID = "[A-Za-z0-9._-]{1,64}";

  /** Where an item came from and how its fields are read. */
  private interface Source {
    String where();

    String text(String field);

    List<String> list(String field);

    List<Item.RubricPoint> rubric();
  }

  private final SkillGraph skills;

  ItemImport(SkillGraph skills) {
    this.skills = skills;
  }

  List<Item> fromJson(JsonObject body) {
    if (!(body.getValue("items") instanceof JsonArray items) || items.isEmpty()) {
      throw new Problem(400, "invalid_import", "The JSON needs a non-empty array 'items'.");
    }
    List<Source> sources = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String where = "Item " + (i + 1);
      if (!(items.getValue(i) instanceof JsonObject item)) {
        throw new Problem(400, "invalid_import", where + ": must be a JSON object.");
      }
      for (String field : item.fieldNames()) {
        if (!COLUMNS.contains(field)) {
          throw new Problem(400, "invalid_import", where + ": unknown field '" + field + "'.");
        }
      }
      sources.add(json(where, item));
    }
    return read(sources);
  }

  List<Item> fromCsv(String text) {
    return read(CsvTable.parse(text, COLUMNS).stream().map(ItemImport::csv).toList());
  }

  private List<Item> read(List<Source> sources) {
    if (sources.isEmpty()) {
      throw new Problem(400, "invalid_import", "The import holds no items.");
    }
    if (sources.size() > MAX_ITEMS) {
      throw new Problem(
          400,
          "invalid_import",
          "At most " + MAX_ITEMS + " items per import, not " + sources.size());
    }
    Set<String> ids = new HashSet<>();
    List<Item> items = new ArrayList<>();
    for (Source source : sources) {
      Item item = item(source);
      if (!ids.add(item.id())) {
        throw refused(source, "id", "repeats id '" + item.id() + "' of an earlier item");
      }
      items.add(item);
    }
    return items;
  }

  private Item item(Source s) {
    String id = s.text("id");
    if (!id.matches(ID)) {
      throw refused(s, "id", "must be 1-64 letters, digits, '.', '_' or '-'");
    }
    Item.Type type;
    try {
      type = Item.Type.valueOf(s.text("type").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw refused(s, "type", "must be choice, numeric or text");
    }
    List<String> tags = s.list("skills");
    if (tags.isEmpty()) {
      throw new Problem(
          400,
          "item_without_skill",
          s.where() + ", field 'skills': every item needs at least one skill of the course.");
    }
    for (String tag : tags) {
      if (!skills.contains(tag)) {
        throw new Problem(
            400,
            "unknown_skill",
            s.where() + ", field 'skills': the course has no skill '" + tag + "'.");
      }
    }
    String prompt = s.text("prompt");
    if (prompt.isEmpty() || prompt.length() > 4000) {
      throw refused(s, "prompt", "is required, at most 4,000 characters");
    }
    List<String> options = List.of();
    double answer = 0;
    double tolerance = 0;
    List<String> references = List.of();
    List<Item.RubricPoint> rubric = List.of();
    switch (type) {
      case CHOICE -> {
        options = s.list("options");
        if (options.size() < 2 || options.size() > 8) {
          throw refused(s, "options", "needs 2 to 8 options");
        }
        answer = option(s, options.size());
      }
      case NUMERIC -> {
        answer = number(s, "answer", true);
        tolerance = s.text("tolerance").isEmpty() ? 0 : number(s, "tolerance", true);
        if (tolerance < 0) {
          throw refused(s, "tolerance", "must not be negative");
        }
      }
      case TEXT -> {
        references = s.list("references");
        if (references.isEmpty()) {
          throw refused(s, "references", "needs at least one reference answer");
        }
        rubric = s.rubric();
      }
    }
    double c = type == Item.Type.CHOICE ? 1.0 / options.size() : 0;
    if (!s.text("c").isEmpty()) {
      c = number(s, "c", false);
      if (type != Item.Type.CHOICE || c < 0 || c >= 0.5) {
        throw refused(s, "c", "is a guessing floor from 0 to 0.5, for multiple choice only");
      }
    }
    double a = s.text("a").isEmpty() ? 1 : number(s, "a", false);
    if (a <= 0 || a > 5) {
      throw refused(s, "a", "is a discrimination above 0, at most 5");
    }
    double b = s.text("b").isEmpty() ? 0 : number(s, "b", false);
    if (Math.abs(b) > 6) {
      throw refused(s, "b", "is a difficulty from -6 to 6");
    }
    String explanation = s.text("explanation");
    return new Item(
        id,
        type,
        List.copyOf(new LinkedHashSet<>(tags)),
        prompt,
        options,
        answer,
        tolerance,
        references,
        rubric,
        explanation.isEmpty() ? null : explanation,
        new ItemParameters(a, b, c),
        false);
  }

  /** The right option: a letter (A for the first) or a 0-based index. */
  private static int option(Source s, int count) {
    String value = s.text("answer").toUpperCase(Locale.ROOT);
    int index =
        value.matches("[A-H]")
            ? value.charAt(0) - 'A'
            : value.matches("\\d+") ? Integer.parseInt(value) : -1;
    if (index < 0 || index >= count) {
      throw refused(
          s, "answer", "must name one of the options: a letter from A, or an index from 0");
    }
    return index;
  }

  private static double number(Source s, String field, boolean required) {
    String value = s.text(field);
    try {
      double number = Double.parseDouble(value);
      if (Double.isFinite(number)) {
        return number;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw refused(s, field, (required ? "is required and " : "") + "must be a number");
  }

  private static Problem refused(Source s, String field, String rule) {
    return new Problem(400, "invalid_import", s.where() + ", field '" + field + "': " + rule + ".");
  }

  private static Source json(String where, JsonObject item) {
    return new Source() {
      @Override
      public String where() {
        return where;
      }

      @Override
      public String text(String field) {
        Object value = item.getValue(field);
        if (value instanceof JsonArray || value instanceof JsonObject) {
          throw refused(this, field, "must be a single value");
        }
        return value == null ? "" : value.toString().strip();
      }

      @Override
      public List<String> list(String field) {
        Object value = item.getValue(field);
        if (value == null) {
          return List.of();
        }
        if (!(value instanceof JsonArray array)) {
          throw refused(this, field, "must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (Object v : array) {
          if (!(v instanceof String text) || StrictJson.isBlank(text)) {
            throw refused(this, field, "must hold non-empty strings only");
          }
          values.add(text.strip());
        }
        return values;
      }

      @Override
      public List<Item.RubricPoint> rubric() {
        Object value = item.getValue("rubric");
        if (value == null) {
          return List.of();
        }
        if (!(value instanceof JsonArray array)) {
          throw refused(this, "rubric", "must be an array");
        }
        List<Item.RubricPoint> points = new ArrayList<>();
        for (Object v : array) {
          if (v instanceof String text && !StrictJson.isBlank(text)) {
            points.add(new Item.RubricPoint(text.strip(), List.of()));
          } else if (v instanceof JsonObject point
              && point.getValue("point") instanceof String text
              && !StrictJson.isBlank(text)) {
            List<String> keywords =
                point.getJsonArray("keywords", new JsonArray()).stream()
                    .map(String::valueOf)
                    .map(String::strip)
                    .filter(k -> !k.isEmpty())
                    .toList();
            points.add(new Item.RubricPoint(text.strip(), keywords));
          } else {
            throw refused(this, "rubric", "holds points: strings or {point, keywords}");
          }
        }
        return points;
      }
    };
  }

  private static Source csv(CsvTable.Row row) {
    return new Source() {
      @Override
      public String where() {
        return "Row " + row.number();
      }

      @Override
      public String text(String field) {
        return row.get(field);
      }

      @Override
      public List<String> list(String field) {
        return split(row.get(field), "\\|");
      }

      @Override
      public List<Item.RubricPoint> rubric() {
        return list("rubric").stream()
            .map(
                point -> {
                  int at = point.indexOf("::");
                  return at < 0
                      ? new Item.RubricPoint(point, List.of())
                      : new Item.RubricPoint(
                          point.substring(0, at).strip(), split(point.substring(at + 2), ";"));
                })
            .toList();
      }
    };
  }

  private static List<String> split(String value, String separator) {
    return Arrays.stream(value.split(separator))
        .map(String::strip)
        .filter(v -> !v.isEmpty())
        .toList();
  }
}
