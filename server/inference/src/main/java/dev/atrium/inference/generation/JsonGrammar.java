package dev.atrium.inference.generation;

import de.kherud.llama.LlamaModel;
import dev.atrium.plugin.api.inference.InvalidInputException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;

/**
 * Turns a JSON Schema into the llama.cpp grammar that constrains sampling to JSON valid against it.
 *
 * <p>llama.cpp's converter aborts the whole process on a schema it does not understand (an unknown
 * type, a nested schema holding only a description, an unresolvable {@code $ref}, a number where it
 * expects a string), so no caller's schema reaches it as sent: this class rewrites it into the
 * subset the converter is known to handle and refuses the rest with {@link InvalidInputException}.
 * Supported: {@code type} (one or a list), {@code properties}, {@code required}, {@code
 * additionalProperties}, {@code items}, {@code minItems}, {@code maxItems}, {@code minLength},
 * {@code maxLength}, {@code minimum}, {@code maximum}, {@code format} (date, time, date-time,
 * uuid), {@code enum}, {@code const}, {@code anyOf}, {@code oneOf} (as anyOf), {@code allOf} with
 * one schema, and local {@code $ref}s into {@code $defs} or {@code definitions} (inlined; recursive
 * references are refused). Annotations ({@code title}, {@code description}, ...) are dropped.
 */
public final class JsonGrammar {

  private static final int MAX_DEPTH = 24;
  private static final int MAX_SCHEMA_CHARS = 32_768;
  private static final int MAX_COUNT = 4096;
  private static final Set<String> TYPES =
      Set.of("string", "number", "integer", "boolean", "object", "array", "null");
  private static final Set<String> FORMATS = Set.of("date", "time", "date-time", "uuid");
  private static final Set<String> ANNOTATIONS =
      Set.of(
          "title",
          "description",
          "default",
          "examples",
          "$schema",
          "$id",
          "$comment",
          "$defs",
          "definitions",
          "strict",
          "readOnly",
          "writeOnly",
          "deprecated");
  private static final Set<String> KEYWORDS =
      Set.of(
          "type",
          "properties",
          "required",
          "additionalProperties",
          "items",
          "minItems",
          "maxItems",
          "minLength",
          "maxLength",
          "minimum",
          "maximum",
          "format",
          "enum",
          "const",
          "anyOf",
          "oneOf",
          "allOf",
          "$ref");

  private final JsonObject root;
  private final Deque<String> refs = new ArrayDeque<>();

  private JsonGrammar(JsonObject root) {
    this.root = root;
  }

  /**
   * The grammar for {@code schema} (JSON text), or {@link InvalidInputException} saying why not.
   */
  public static String fromSchema(String schema) {
    if (schema.length() > MAX_SCHEMA_CHARS) {
      throw invalid("the schema is longer than " + MAX_SCHEMA_CHARS + " characters");
    }
    JsonObject root;
    try {
      root = new JsonObject(schema);
    } catch (DecodeException | ClassCastException e) {
      throw invalid("the schema must be a JSON object");
    }
    JsonObject safe = new JsonGrammar(root).rewrite(root, "#", 0);
    LlamaNatives.load();
    return LlamaModel.jsonSchemaToGrammar(safe.encode());
  }

  private JsonObject rewrite(JsonObject schema, String at, int depth) {
    if (depth > MAX_DEPTH) {
      throw invalid(at + ": nested deeper than " + MAX_DEPTH + " levels");
    }
    for (String key : schema.fieldNames()) {
      if (!KEYWORDS.contains(key) && !ANNOTATIONS.contains(key)) {
        throw invalid(at + ": the keyword '" + key + "' is not supported");
      }
    }
    if (schema.containsKey("$ref")) {
      return inline(schema, at, depth);
    }
    if (schema.containsKey("allOf")) {
      JsonArray all = array(schema, "allOf", at);
      if (all.size() != 1) {
        throw invalid(at + ": allOf is supported with exactly one schema");
      }
      return rewrite(object(all.getValue(0), at + "/allOf/0"), at + "/allOf/0", depth + 1);
    }
    for (String union : new String[] {"anyOf", "oneOf"}) {
      if (schema.containsKey(union)) {
        JsonArray options = array(schema, union, at);
        JsonArray safe = new JsonArray();
        for (int i = 0; i < options.size(); i++) {
          String where = at + "/" + union + "/" + i;
          safe.add(rewrite(object(options.getValue(i), where), where, depth + 1));
        }
        return new JsonObject().put("anyOf", safe);
      }
    }
    if (schema.containsKey("enum")) {
      return new JsonObject().put("enum", array(schema, "enum", at).copy());
    }
    if (schema.containsKey("const")) {
      return new JsonObject().put("const", schema.getValue("const"));
    }
    Object type = schema.getValue("type");
    if (type == null) {
      return new JsonObject(); // any JSON value
    }
    if (type instanceof JsonArray types) {
      if (types.isEmpty()) {
        throw invalid(at + ": type must not be an empty list");
      }
      JsonArray options = new JsonArray();
      for (Object one : types) {
        options.add(typed(schema, name(one, at), at, depth));
      }
      return options.size() == 1
          ? options.getJsonObject(0)
          : new JsonObject().put("anyOf", options);
    }
    return typed(schema, name(type, at), at, depth);
  }

  private JsonObject typed(JsonObject schema, String type, String at, int depth) {
    JsonObject safe = new JsonObject().put("type", type);
    switch (type) {
      case "string" -> {
        copyCount(schema, safe, "minLength", at);
        copyCount(schema, safe, "maxLength", at);
        requireOrdered(safe, "minLength", "maxLength", at);
        Object format = schema.getValue("format");
        if (format instanceof String name && FORMATS.contains(name)) {
          safe.put("format", name);
        }
      }
      case "number", "integer" -> {
        for (String bound : new String[] {"minimum", "maximum"}) {
          Object value = schema.getValue(bound);
          if (value != null && !(value instanceof Number)) {
            throw invalid(at + ": " + bound + " must be a number");
          }
          if (value instanceof Number number) {
            double limit = number.doubleValue();
            safe.put(
                bound,
                type.equals("number")
                    ? (Object) limit
                    : (Object)
                        (long) (bound.equals("minimum") ? Math.ceil(limit) : Math.floor(limit)));
          }
        }
        requireOrdered(safe, "minimum", "maximum", at);
      }
      case "array" -> {
        copyCount(schema, safe, "minItems", at);
        copyCount(schema, safe, "maxItems", at);
        requireOrdered(safe, "minItems", "maxItems", at);
        if (schema.containsKey("items")) {
          safe.put(
              "items", rewrite(object(schema.getValue("items"), at + "/items"), at, depth + 1));
        }
      }
      case "object" -> objectKeywords(schema, safe, at, depth);
      default -> {}
    }
    return safe;
  }

  private void objectKeywords(JsonObject schema, JsonObject safe, String at, int depth) {
    JsonObject properties = new JsonObject();
    Object declared = schema.getValue("properties");
    if (declared != null) {
      for (Map.Entry<String, Object> property : object(declared, at + "/properties")) {
        String where = at + "/properties/" + property.getKey();
        properties.put(
            property.getKey(), rewrite(object(property.getValue(), where), where, depth + 1));
      }
      safe.put("properties", properties);
    }
    if (schema.containsKey("required")) {
      JsonArray required = array(schema, "required", at);
      for (Object name : required) {
        if (!(name instanceof String key) || !properties.containsKey(key)) {
          throw invalid(at + ": required names a property that is not declared: " + name);
        }
      }
      safe.put("required", required.copy());
    }
    Object additional = schema.getValue("additionalProperties");
    if (additional instanceof Boolean allowed) {
      safe.put("additionalProperties", allowed);
    } else if (additional != null) {
      String where = at + "/additionalProperties";
      safe.put("additionalProperties", rewrite(object(additional, where), where, depth + 1));
    }
  }

  private JsonObject inline(JsonObject schema, String at, int depth) {
    Object ref = schema.getValue("$ref");
    if (!(ref instanceof String path)
        || !(path.startsWith("#/$defs/") || path.startsWith("#/definitions/"))) {
      throw invalid(at + ": only local references into $defs or definitions are supported");
    }
    if (refs.contains(path)) {
      throw invalid(at + ": recursive reference " + path + " is not supported");
    }
    int slash = path.indexOf('/', 2);
    JsonObject definitions =
        root.getValue(path.substring(2, slash)) instanceof JsonObject d ? d : null;
    Object target = definitions == null ? null : definitions.getValue(path.substring(slash + 1));
    if (target == null) {
      throw invalid(at + ": reference " + path + " does not resolve");
    }
    refs.push(path);
    try {
      return rewrite(object(target, path), path, depth + 1);
    } finally {
      refs.pop();
    }
  }

  private static void copyCount(JsonObject from, JsonObject to, String key, String at) {
    Object value = from.getValue(key);
    if (value == null) {
      return;
    }
    if (!(value instanceof Number number)
        || number.doubleValue() != number.longValue()
        || number.longValue() < 0
        || number.longValue() > MAX_COUNT) {
      throw invalid(at + ": " + key + " must be a whole number from 0 to " + MAX_COUNT);
    }
    to.put(key, number.longValue());
  }

  /** Refuses bounds no value can meet: llama.cpp would build a grammar that matches nothing. */
  private static void requireOrdered(JsonObject schema, String low, String high, String at) {
    if (schema.getValue(low) instanceof Number min
        && schema.getValue(high) instanceof Number max
        && min.doubleValue() > max.doubleValue()) {
      throw invalid(at + ": " + low + " is greater than " + high);
    }
  }

  private static String name(Object type, String at) {
    if (!(type instanceof String name) || !TYPES.contains(name)) {
      throw invalid(at + ": type must be one of " + TYPES + ", got " + type);
    }
    return name;
  }

  private static JsonObject object(Object value, String at) {
    if (value instanceof JsonObject object) {
      return object;
    }
    if (value instanceof Map<?, ?>) {
      throw invalid(at + ": must be a schema object");
    }
    throw invalid(at + ": must be a schema object, got " + value);
  }

  private static JsonArray array(JsonObject schema, String key, String at) {
    if (!(schema.getValue(key) instanceof JsonArray array) || array.isEmpty()) {
      throw invalid(at + ": " + key + " must be a non-empty list");
    }
    return array;
  }

  private static InvalidInputException invalid(String message) {
    return new InvalidInputException("Invalid JSON schema: " + message + ".");
  }
}
