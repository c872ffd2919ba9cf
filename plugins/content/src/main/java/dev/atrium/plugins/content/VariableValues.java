package dev.atrium.plugins.content;

import dev.atrium.plugin.api.StrictJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * A template's variables checked against their declarations before anything is generated, and the
 * prompt they render. Every problem names the variable: {@code missing_variable}, {@code
 * invalid_variable} (wrong type, out of range, not an option) and {@code unknown_variable}.
 */
final class VariableValues {
  private final Template template;
  private final Map<String, String> rendered;

  private VariableValues(Template template, Map<String, String> rendered) {
    this.template = template;
    this.rendered = Map.copyOf(rendered);
  }

  /** Values sent as JSON: text and enum as strings, number as a number, list as strings. */
  static VariableValues fromJson(Template template, JsonObject values) {
    refuseUnknown(template, values.fieldNames());
    Map<String, String> rendered = new LinkedHashMap<>();
    for (Variable v : template.variables()) {
      Object value = values.getValue(v.name());
      if (value == null || (value instanceof String s && StrictJson.isBlank(s))) {
        requireOptional(v);
        continue;
      }
      rendered.put(v.name(), render(template, v, value));
    }
    return new VariableValues(template, rendered);
  }

  /**
   * Values read from text (a CSV row): numbers are parsed, list items are separated by {@code |} or
   * {@code ;}.
   */
  static VariableValues fromText(Template template, Map<String, String> values) {
    refuseUnknown(template, values.keySet());
    JsonObject typed = new JsonObject();
    for (Variable v : template.variables()) {
      String text = values.get(v.name());
      if (text == null || StrictJson.isBlank(text)) {
        continue;
      }
      typed.put(v.name(), typed(v, text.strip()));
    }
    return fromJson(template, typed);
  }

  private static Object typed(Variable v, String text) {
    return switch (v.type()) {
      case NUMBER -> {
        try {
          yield new BigDecimal(text).doubleValue();
        } catch (NumberFormatException e) {
          throw invalid(v, "must be a number, not '" + abbreviate(text) + "'");
        }
      }
      case LIST -> {
        JsonArray items = new JsonArray();
        for (String item : text.split("[|;]")) {
          if (!StrictJson.isBlank(item)) {
            items.add(item.strip());
          }
        }
        yield items;
      }
      default -> text;
    };
  }

  private static void refuseUnknown(Template template, Iterable<String> names) {
    for (String name : names) {
      if (template.variable(name).isEmpty()) {
        throw new ContentProblem(
            400,
            "unknown_variable",
            "Template '"
                + template.id()
                + "' has no variable '"
                + name
                + "'; its variables are "
                + template.variables().stream().map(Variable::name).toList()
                + ".",
            Map.of("variable", name));
      }
    }
  }

  private static void requireOptional(Variable v) {
    if (v.required()) {
      throw new ContentProblem(
          400,
          "missing_variable",
          "Variable '" + v.name() + "' is required (" + v.type().wire() + ").",
          Map.of("variable", v.name()));
    }
  }

  private static String render(Template template, Variable v, Object value) {
    return switch (v.type()) {
      case TEXT -> text(v, value);
      case ENUM -> {
        String choice = text(v, value);
        if (!v.options().contains(choice)) {
          throw invalid(v, "must be one of " + v.options());
        }
        yield choice;
      }
      case NUMBER -> {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
          throw invalid(v, "must be a number");
        }
        double d = n.doubleValue();
        if (d < v.minimum() || d > v.maximum()) {
          throw invalid(v, "must be from " + plain(v.minimum()) + " to " + plain(v.maximum()));
        }
        yield plain(d);
      }
      case LIST -> {
        if (!(value instanceof JsonArray items)) {
          throw invalid(v, "must be a list of strings");
        }
        if (items.size() < v.minimum() || items.size() > v.maximum()) {
          throw invalid(
              v, "must hold " + plain(v.minimum()) + " to " + plain(v.maximum()) + " items");
        }
        List<String> texts = new ArrayList<>();
        for (Object item : items) {
          texts.add(text(v, item));
        }
        yield String.join(template.language().equals("zh") ? "、" : ", ", texts);
      }
    };
  }

  private static String text(Variable v, Object value) {
    if (!(value instanceof String text) || StrictJson.isBlank(text)) {
      throw invalid(
          v, v.type() == Variable.Type.LIST ? "must hold non-empty strings" : "must be a string");
    }
    if (text.length() > v.maxLength()) {
      throw invalid(v, "must be at most " + v.maxLength() + " characters");
    }
    return text.strip();
  }

  private static ContentProblem invalid(Variable v, String rule) {
    return new ContentProblem(
        400,
        "invalid_variable",
        "Variable '" + v.name() + "' (" + v.type().wire() + ") " + rule + ".",
        Map.of("variable", v.name()));
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15
        ? Long.toString((long) d)
        : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  /** The values as rendered into the prompt, by variable name. */
  Map<String, String> rendered() {
    return rendered;
  }

  /** This map with each value replaced by {@code replace}'s answer (e.g. redacted). */
  VariableValues map(java.util.function.BiFunction<String, String, String> replace) {
    Map<String, String> copy = new LinkedHashMap<>();
    rendered.forEach((k, v) -> copy.put(k, replace.apply(k, v)));
    return new VariableValues(template, copy);
  }

  /** The template's prompt with every placeholder replaced (an absent optional one by nothing). */
  String prompt() {
    Matcher m = Template.PLACEHOLDER.matcher(template.prompt());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(rendered.getOrDefault(m.group(1), "")));
    }
    m.appendTail(out);
    return out.toString().replaceAll("[ \\t]{2,}", " ").strip();
  }
}
