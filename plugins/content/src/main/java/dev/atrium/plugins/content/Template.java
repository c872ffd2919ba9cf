package dev.atrium.plugins.content;

import static java.util.Objects.requireNonNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A content template: a prompt with {@code {{variable}}} placeholders, its typed variables and the
 * shape of its output. Built-in templates ship with the plugin; tenants define their own.
 *
 * @param language {@code en} or {@code zh}: the language the output is written in
 * @param category what it writes (product, email, social, article, ad, rewrite, custom)
 * @param channel the social channel whose length limit {@code output.maxChars} is, if any
 */
record Template(
    String id,
    String name,
    String description,
    String language,
    String category,
    Optional<String> channel,
    String prompt,
    List<Variable> variables,
    OutputShape output,
    boolean builtIn) {

  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
  static final int MAX_PROMPT = 4000;
  static final Set<String> FIELDS =
      Set.of(
          "name",
          "description",
          "language",
          "category",
          "channel",
          "prompt",
          "variables",
          "output");

  Template {
    requireNonNull(id, "id is null");
    variables = List.copyOf(variables);
    requireNonNull(output, "output is null");
  }

  /**
   * Reads a template definition, refusing a malformed one with a problem naming the field: unknown
   * members, a placeholder with no variable, a variable declared twice.
   */
  static Template read(String id, JsonObject json, boolean builtIn) {
    JsonFields fields = JsonFields.of(json, FIELDS);
    String language = fields.text("language", 2, "en");
    if (!language.equals("en") && !language.equals("zh")) {
      throw ContentProblem.badField("language", "must be en or zh");
    }
    JsonArray declared = fields.array("variables", 30);
    List<Variable> variables =
        java.util.stream.IntStream.range(0, declared.size())
            .mapToObj(
                i -> {
                  if (!(declared.getValue(i) instanceof JsonObject v)) {
                    throw ContentProblem.badField("variables[" + i + "]", "must be an object");
                  }
                  return Variable.read(v, i);
                })
            .toList();
    Set<String> names = new HashSet<>();
    for (Variable v : variables) {
      if (!names.add(v.name())) {
        throw ContentProblem.badField("variables", "declares '" + v.name() + "' twice");
      }
    }
    String prompt = fields.text("prompt", MAX_PROMPT);
    Matcher m = PLACEHOLDER.matcher(prompt);
    while (m.find()) {
      if (!names.contains(m.group(1))) {
        throw new ContentProblem(
            400,
            "unknown_placeholder",
            "The prompt uses {{" + m.group(1) + "}} but no variable of that name is declared.",
            java.util.Map.of("variable", m.group(1)));
      }
    }
    Object output = json.getValue("output");
    if (output != null && !(output instanceof JsonObject)) {
      throw ContentProblem.badField("output", "must be an object");
    }
    return new Template(
        id,
        fields.text("name", 200),
        fields.text("description", 1000, ""),
        language,
        fields.text("category", 40, "custom"),
        Optional.ofNullable(fields.has("channel") ? fields.text("channel", 40) : null),
        prompt,
        variables,
        OutputShape.read((JsonObject) output),
        builtIn);
  }

  Optional<Variable> variable(String name) {
    return variables.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  /** The definition as stored and as read back by {@link #read}. */
  JsonObject definition() {
    JsonObject json =
        new JsonObject()
            .put("name", name)
            .put("language", language)
            .put("category", category)
            .put("prompt", prompt)
            .put(
                "variables",
                new JsonArray(variables.stream().map(v -> (Object) v.toJson()).toList()))
            .put("output", output.toJson());
    channel.ifPresent(c -> json.put("channel", c));
    if (!description.isEmpty()) {
      json.put("description", description);
    }
    return json;
  }

  JsonObject toJson() {
    return definition().put("id", id).put("builtIn", builtIn);
  }
}
