package dev.atrium.plugin.runtime;

import static java.util.Objects.requireNonNull;

import io.vertx.core.json.JsonArray;
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

  /**
   * Everything wrong with {@code settings}: empty when they are valid. The validator stops at the
   * first failing property, so each failing value is reported, taken out of a copy, and the copy
   * validated again, until it is valid or an error concerns the settings object as a whole.
   */
  public List<String> violations(JsonObject settings) {
    JsonObject remaining = settings.copy();
    List<String> violations = new ArrayList<>();
    for (int round = 0; round <= settings.size() * 2 + 1; round++) {
      OutputUnit result = validator.validate(remaining);
      if (Boolean.TRUE.equals(result.getValid())) {
        break;
      }
      List<OutputUnit> errors = leaves(result);
      boolean removed = false;
      for (OutputUnit error : errors) {
        String at = error.getInstanceLocation() == null ? "" : error.getInstanceLocation();
        at = at.startsWith("#") ? at.substring(1) : at;
        String violation = "settings" + at + ": " + error.getError();
        if (!violations.contains(violation)) {
          violations.add(violation);
        }
        removed |= removeObjectMember(remaining, at);
      }
      if (errors.isEmpty()) {
        violations.add("settings: " + result.getError());
      }
      if (!removed) {
        break;
      }
    }
    return List.copyOf(violations);
  }

  /** The precise errors: summaries ("Property x does not match schema") repeat a leaf's words. */
  private static List<OutputUnit> leaves(OutputUnit result) {
    List<OutputUnit> errors = result.getErrors() == null ? List.of() : result.getErrors();
    List<OutputUnit> leaves =
        errors.stream()
            .filter(e -> !String.valueOf(e.getError()).contains("does not match"))
            .toList();
    return leaves.isEmpty() ? errors : leaves;
  }

  /**
   * Removes the deepest object member on the JSON pointer {@code at} from {@code root}; false when
   * the pointer names the root or no object member.
   */
  private static boolean removeObjectMember(JsonObject root, String at) {
    Object current = root;
    JsonObject parent = null;
    String member = null;
    for (String raw : at.split("/")) {
      if (raw.isEmpty()) {
        continue;
      }
      String segment = raw.replace("~1", "/").replace("~0", "~");
      if (current instanceof JsonObject object && object.containsKey(segment)) {
        parent = object;
        member = segment;
        current = object.getValue(segment);
      } else if (current instanceof JsonArray array
          && segment.matches("\\d{1,9}")
          && Integer.parseInt(segment) < array.size()) {
        current = array.getValue(Integer.parseInt(segment));
      } else {
        break;
      }
    }
    if (parent == null) {
      return false;
    }
    parent.remove(member);
    return true;
  }
}
