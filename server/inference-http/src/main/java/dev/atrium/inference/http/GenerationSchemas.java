package dev.atrium.inference.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The JSON Schemas of the chat and text completion requests, for the OpenAPI document. They
 * describe what is served; the OpenAI fields accepted only with their default values are listed in
 * docs/api.md.
 */
final class GenerationSchemas {
  private GenerationSchemas() {}

  static JsonObject chatRequest() {
    JsonObject textPart =
        new JsonObject()
            .put("type", "object")
            .put("required", new JsonArray().add("type").add("text"))
            .put(
                "properties",
                new JsonObject()
                    .put("type", new JsonObject().put("const", "text"))
                    .put("text", string()));
    JsonObject message =
        new JsonObject()
            .put("type", "object")
            .put("required", new JsonArray().add("role").add("content"))
            .put(
                "properties",
                new JsonObject()
                    .put(
                        "role",
                        new JsonObject()
                            .put("type", "string")
                            .put(
                                "enum",
                                new JsonArray()
                                    .add("system")
                                    .add("developer")
                                    .add("user")
                                    .add("assistant")))
                    .put(
                        "content",
                        new JsonObject()
                            .put(
                                "oneOf",
                                new JsonArray()
                                    .add(string())
                                    .add(
                                        new JsonObject()
                                            .put("type", "array")
                                            .put("minItems", 1)
                                            .put("items", textPart))))
                    .put("name", string()));
    JsonObject properties =
        common()
            .put(
                "messages",
                new JsonObject().put("type", "array").put("minItems", 1).put("items", message))
            .put("max_completion_tokens", positive("The same as max_tokens."));
    return request(properties, "messages");
  }

  static JsonObject completionRequest() {
    JsonObject text = new JsonObject().put("type", "string").put("minLength", 1);
    JsonObject properties =
        common()
            .put(
                "prompt",
                new JsonObject()
                    .put(
                        "oneOf",
                        new JsonArray()
                            .add(text)
                            .add(
                                new JsonObject()
                                    .put("type", "array")
                                    .put("minItems", 1)
                                    .put("maxItems", 1)
                                    .put("items", text))));
    return request(properties, "prompt");
  }

  private static JsonObject request(JsonObject properties, String required) {
    return new JsonObject()
        .put("type", "object")
        .put("required", new JsonArray().add(required))
        .put("properties", properties);
  }

  private static JsonObject common() {
    return new JsonObject()
        .put(
            "model",
            string()
                .put(
                    "description",
                    "A generation model from GET /v1/models; the default when absent."))
        .put("max_tokens", positive("Most tokens to generate; the model's context when absent."))
        .put("temperature", range(0, 2))
        .put("top_p", range(0, 1))
        .put("seed", new JsonObject().put("type", "integer"))
        .put(
            "stop",
            new JsonObject()
                .put(
                    "oneOf",
                    new JsonArray()
                        .add(string().put("minLength", 1))
                        .add(
                            new JsonObject()
                                .put("type", "array")
                                .put("maxItems", 4)
                                .put("items", string().put("minLength", 1)))))
        .put("n", new JsonObject().put("const", 1))
        .put("presence_penalty", range(-2, 2))
        .put("frequency_penalty", range(-2, 2))
        .put(
            "logit_bias",
            new JsonObject()
                .put("type", "object")
                .put("description", "Token id (as a string) to a bias from -100 to 100.")
                .put("additionalProperties", range(-100, 100)))
        .put("user", string().put("maxLength", 256))
        .put(
            "response_format",
            new JsonObject()
                .put("type", "object")
                .put("required", new JsonArray().add("type"))
                .put(
                    "properties",
                    new JsonObject()
                        .put(
                            "type",
                            new JsonObject()
                                .put(
                                    "enum",
                                    new JsonArray()
                                        .add("text")
                                        .add("json_object")
                                        .add("json_schema")))
                        .put(
                            "json_schema",
                            new JsonObject()
                                .put("type", "object")
                                .put("required", new JsonArray().add("schema"))
                                .put(
                                    "properties",
                                    new JsonObject()
                                        .put("name", string())
                                        .put("schema", new JsonObject().put("type", "object"))
                                        .put("strict", new JsonObject().put("type", "boolean"))
                                        .put("description", string())))))
        .put("stream", new JsonObject().put("type", "boolean"))
        .put(
            "stream_options",
            new JsonObject()
                .put("type", "object")
                .put(
                    "properties",
                    new JsonObject()
                        .put("include_usage", new JsonObject().put("type", "boolean"))));
  }

  private static JsonObject string() {
    return new JsonObject().put("type", "string");
  }

  private static JsonObject positive(String description) {
    return new JsonObject()
        .put("type", "integer")
        .put("minimum", 1)
        .put("description", description);
  }

  private static JsonObject range(double min, double max) {
    return new JsonObject().put("type", "number").put("minimum", min).put("maximum", max);
  }
}
