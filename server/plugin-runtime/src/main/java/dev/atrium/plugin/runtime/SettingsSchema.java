package dev.atrium.plugin.runtime;

import static java.util.Objects.requireNonNull;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaException;
import io.vertx.json.schema.Validator;
import java.util.ArrayList;
import java.util.List;

/**
 * A plugin's settings schema (JSON Schema draft 2020-12), ready to validate tenants' settings: the
 * host validates what tenants save with it, the testkit what tests set.
 */
public final class SettingsSchema {
  private final JsonObject schema;
  private final Validator validator;

  private SettingsSchema(JsonObject schema, Validator validator) {
    this.schema = schema;
    this.validator = validator;
  }

  /**
   * Compiles the plugin's schema; throws {@link IllegalArgumentException} saying why when it is not
   * a valid JSON Schema.
   */
  public static SettingsSchema of(String pluginId, JsonObject schema) {
    requireNonNull(schema, "schema is null");
    JsonObject copy = schema.copy();
    try {
      // The validator writes its own keys (__absolute_uri__) into the object it is given: give it
      // a copy of its own, so json() returns the schema as the plugin declared it.
      Validator validator =
          Validator.create(
              JsonSchema.of(schema.copy()),
              new JsonSchemaOptions()
                  .setDraft(Draft.DRAFT202012)
                  // Basic output lists each error with where it is; the default only says valid.
                  .setOutputFormat(OutputFormat.Basic)
                  .setBaseUri("https://atrium.dev/plugins/" + pluginId + "/settings"));
      validator.validate(new JsonObject());
      return new SettingsSchema(copy, validator);
    } catch (SchemaException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "The plugin's settings schema is not a valid JSON Schema: " + e.getMessage(), e);
    }
  }

  public JsonObject json() {
    return schema.copy();
  }

  /** What is wrong with {@code settings}: empty when they are valid. */
  public List<String> violations(JsonObject settings) {
    OutputUnit result = validator.validate(settings);
    if (Boolean.TRUE.equals(result.getValid())) {
      return List.of();
    }
    List<String> violations = new ArrayList<>();
    List<OutputUnit> errors = result.getErrors() == null ? List.of() : result.getErrors();
    // Summaries ("Property x does not match schema") repeat what a leaf error says precisely.
    List<OutputUnit> leaves =
        errors.stream()
            .filter(e -> !String.valueOf(e.getError()).contains("does not match"))
            .toList();
    for (OutputUnit error : leaves.isEmpty() ? errors : leaves) {
      String at = error.getInstanceLocation() == null ? "" : error.getInstanceLocation();
      at = at.startsWith("#") ? at.substring(1) : at;
      String violation = "settings" + at + ": " + error.getError();
      if (!violations.contains(violation)) {
        violations.add(violation);
      }
    }
    if (violations.isEmpty()) {
      violations.add("settings: " + result.getError());
    }
    return List.copyOf(violations);
  }
}
