package dev.atrium.inference.http;

import static dev.atrium.plugin.api.JsonSchema.arrayOf;
import static dev.atrium.plugin.api.JsonSchema.integer;
import static dev.atrium.plugin.api.JsonSchema.mapOf;
import static dev.atrium.plugin.api.JsonSchema.nullable;
import static dev.atrium.plugin.api.JsonSchema.number;
import static dev.atrium.plugin.api.JsonSchema.object;
import static dev.atrium.plugin.api.JsonSchema.oneOf;
import static dev.atrium.plugin.api.JsonSchema.optional;
import static dev.atrium.plugin.api.JsonSchema.string;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The JSON Schemas of what the inference API answers (OpenAI's shapes with Atrium's usage members),
 * for its entries in /openapi.json.
 */
final class InferenceSchemas {
  private static final JsonObject GENERATION_USAGE =
      object(
          "prompt_tokens", integer(),
          "completion_tokens", integer(),
          "total_tokens", integer(),
          "compute_ms", number(),
          "device", string());

  private static final JsonObject FINISH = nullable(oneOf("stop", "length"));

  static final JsonObject CHAT_COMPLETION =
      completion(
          "chat.completion",
          object(
              "index", integer(),
              "logprobs", new JsonObject().put("type", "null"),
              "finish_reason", FINISH,
              "message",
                  object(
                      "role", oneOf("assistant"),
                      "content", string(),
                      "refusal", new JsonObject().put("type", "null"))));

  static final JsonObject TEXT_COMPLETION =
      completion(
          "text_completion",
          object(
              "index", integer(),
              "logprobs", new JsonObject().put("type", "null"),
              "finish_reason", FINISH,
              "text", string()));

  /** With {@code "stream": true}: server-sent events of chunks, ending with data: [DONE]. */
  static final JsonObject EVENT_STREAM = string();

  static final JsonObject EMBEDDINGS =
      object(
          "object", oneOf("list"),
          "data",
              arrayOf(
                  object(
                      "object", oneOf("embedding"),
                      "index", integer(),
                      "embedding",
                          new JsonObject()
                              .put(
                                  "oneOf",
                                  new JsonArray()
                                      .add(arrayOf(number()))
                                      .add(string().put("contentEncoding", "base64"))))),
          "model", string(),
          "usage",
              object(
                  "prompt_tokens", integer(),
                  "total_tokens", integer(),
                  "items", integer(),
                  "compute_ms", number(),
                  "device", string()));

  static final JsonObject MODELS =
      object(
          "object",
          oneOf("list"),
          "data",
          arrayOf(
              optional(
                  object(
                      "id", string(),
                      "object", oneOf("model"),
                      "created", integer(),
                      "owned_by", string(),
                      "task", string(),
                      "languages", arrayOf(string()),
                      "max_input_tokens", integer(),
                      "dimensions", integer(),
                      "context_length", integer()),
                  "dimensions",
                  "context_length")));

  static final JsonObject POOLS =
      object(
          "pools",
          arrayOf(
              object(
                  "model", string(),
                  "task", string(),
                  "owner", string(),
                  "license", nullable(string()),
                  "devices", arrayOf(string()),
                  "workers", integer(),
                  "minWorkers", integer(),
                  "maxWorkers", integer(),
                  "queued", integer(),
                  "queuedByTenant", mapOf(integer()),
                  "inFlight", integer(),
                  "capacity", integer(),
                  "batches", integer(),
                  "items", integer(),
                  "meanBatchSize", number(),
                  "itemsPerSecond", number())));

  private InferenceSchemas() {}

  private static JsonObject completion(String object, JsonObject choice) {
    return object(
        "id", string(),
        "object", oneOf(object),
        "created", integer(),
        "model", string(),
        "system_fingerprint", new JsonObject().put("type", "null"),
        "choices", arrayOf(choice),
        "usage", GENERATION_USAGE);
  }
}
