package dev.atrium.inference.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The JSON Schema of an embeddings request, for the OpenAPI document. */
final class EmbeddingSchemas {
  private EmbeddingSchemas() {}

  static JsonObject request(int maxInputs, int maxInputChars) {
    JsonObject text =
        new JsonObject().put("type", "string").put("minLength", 1).put("maxLength", maxInputChars);
    return new JsonObject()
        .put("type", "object")
        .put("required", new JsonArray().add("input"))
        .put("additionalProperties", false)
        .put(
            "properties",
            new JsonObject()
                .put(
                    "input",
                    new JsonObject()
                        .put(
                            "oneOf",
                            new JsonArray()
                                .add(text)
                                .add(
                                    new JsonObject()
                                        .put("type", "array")
                                        .put("minItems", 1)
                                        .put("maxItems", maxInputs)
                                        .put("items", text))))
                .put(
                    "model",
                    new JsonObject()
                        .put("type", "string")
                        .put(
                            "description",
                            "A model id from GET /v1/models; chosen by language when absent."))
                .put(
                    "encoding_format",
                    new JsonObject()
                        .put("type", "string")
                        .put("enum", new JsonArray().add("float").add("base64")))
                .put(
                    "dimensions",
                    new JsonObject()
                        .put("type", "integer")
                        .put("minimum", 1)
                        .put("description", "Truncate to this many components and re-normalise."))
                .put("user", new JsonObject().put("type", "string").put("maxLength", 256)));
  }
}
