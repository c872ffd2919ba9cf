package dev.atrium.plugins.customerservice;

import dev.atrium.plugin.api.StrictJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks intent definitions: {@code {"intents": [{"name", "description"?, "handoff"?, "examples":
 * [...]}]}} with 1 to 50 intents, unique names, 2 to 200 non-empty examples each.
 */
final class IntentDefinitions {
  private static final int MAX_INTENTS = 50;
  private static final int MAX_EXAMPLES = 200;

  /** The body of PUT /intents, as the OpenAPI document describes it. */
  static final JsonObject SCHEMA =
      new JsonObject()
          .put("type", "object")
          .put("required", new JsonArray().add("intents"))
          .put("additionalProperties", false)
          .put(
              "properties",
              new JsonObject()
                  .put(
                      "intents",
                      new JsonObject()
                          .put("type", "array")
                          .put("minItems", 1)
                          .put("maxItems", MAX_INTENTS)
                          .put(
                              "items",
                              new JsonObject()
                                  .put("type", "object")
                                  .put("required", new JsonArray().add("name").add("examples"))
                                  .put("additionalProperties", false)
                                  .put(
                                      "properties",
                                      new JsonObject()
                                          .put(
                                              "name",
                                              new JsonObject()
                                                  .put("type", "string")
                                                  .put("maxLength", 64))
                                          .put(
                                              "description", new JsonObject().put("type", "string"))
                                          .put("handoff", new JsonObject().put("type", "boolean"))
                                          .put(
                                              "examples",
                                              new JsonObject()
                                                  .put("type", "array")
                                                  .put("minItems", 2)
                                                  .put("maxItems", MAX_EXAMPLES)
                                                  .put(
                                                      "items",
                                                      new JsonObject()
                                                          .put("type", "string")
                                                          .put("minLength", 1)
                                                          .put("maxLength", 500)))))));

  private IntentDefinitions() {}

  static JsonObject validate(JsonObject body) {
    if (!(body.getValue("intents") instanceof JsonArray intents)
        || intents.isEmpty()
        || intents.size() > MAX_INTENTS) {
      throw Bodies.invalid("intents", "must be an array of 1 to " + MAX_INTENTS + " intents");
    }
    JsonArray clean = new JsonArray();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < intents.size(); i++) {
      String where = "intents[" + i + "]";
      if (!(intents.getValue(i) instanceof JsonObject intent)) {
        throw Bodies.invalid(where, "must be an object");
      }
      for (String field : intent.fieldNames()) {
        if (!Set.of("name", "description", "handoff", "examples").contains(field)) {
          throw Bodies.invalid(
              where + "." + field, "is not a known field (name, description, handoff, examples)");
        }
      }
      String name = Bodies.requiredString(intent, "name", 64);
      if (!name.matches("[\\p{L}\\p{N}_ -]+") || !names.add(name)) {
        throw Bodies.invalid(
            where + ".name", "must be unique and made of letters, digits, '_', '-' or spaces");
      }
      Object handoff = intent.getValue("handoff", false);
      if (!(handoff instanceof Boolean)) {
        throw Bodies.invalid(where + ".handoff", "must be true or false");
      }
      if (!(intent.getValue("examples") instanceof JsonArray examples)
          || examples.size() < 2
          || examples.size() > MAX_EXAMPLES) {
        throw Bodies.invalid(where + ".examples", "must hold 2 to " + MAX_EXAMPLES + " phrases");
      }
      JsonArray phrases = new JsonArray();
      for (Object example : examples) {
        if (!(example instanceof String phrase)
            || StrictJson.isBlank(phrase)
            || phrase.length() > 500) {
          throw Bodies.invalid(
              where + ".examples", "must hold non-empty strings of at most 500 characters");
        }
        phrases.add(phrase.strip());
      }
      clean.add(
          new JsonObject()
              .put("name", name)
              .put("description", Bodies.optionalString(intent, "description", 500))
              .put("handoff", handoff)
              .put("examples", phrases));
    }
    return new JsonObject().put("intents", clean);
  }
}
