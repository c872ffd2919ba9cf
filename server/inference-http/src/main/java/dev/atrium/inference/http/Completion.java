package dev.atrium.inference.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.inference.FinishReason;
import dev.atrium.plugin.api.inference.GenerationResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * One completion's identity ({@code id}, {@code created}, {@code model}) and the OpenAI objects
 * that carry it: the whole answer, or the chunks of a stream.
 */
record Completion(CompletionFormat format, String id, long created, String model) {

  Completion {
    requireNonNull(format, "format is null");
    requireNonNull(id, "id is null");
    requireNonNull(model, "model is null");
  }

  /** A new completion by {@code model}, created now. */
  static Completion start(CompletionFormat format, String model) {
    String id = format.idPrefix() + UUID.randomUUID().toString().replace("-", "");
    return new Completion(format, id, Instant.now().getEpochSecond(), model);
  }

  /** The whole answer, with its usage. */
  JsonObject answer(GenerationResult result) {
    return envelope(format.object())
        .put(
            "choices",
            new JsonArray().add(format.answer(result.text(), finishReason(result.finishReason()))))
        .put("usage", usage(result));
  }

  /**
   * A streamed chunk with one choice. When the client asked for the usage at the end, every chunk
   * carries {@code "usage": null} until then, as OpenAI's do.
   */
  JsonObject chunk(JsonObject choice, boolean includeUsage) {
    JsonObject chunk = envelope(format.chunkObject()).put("choices", new JsonArray().add(choice));
    return includeUsage ? chunk.putNull("usage") : chunk;
  }

  /** The chunk after the last choice: no choices, the usage. */
  JsonObject usageChunk(GenerationResult result) {
    return envelope(format.chunkObject())
        .put("choices", new JsonArray())
        .put("usage", usage(result));
  }

  /**
   * OpenAI's finish reason: {@code stop} when the model ended or a stop string came, {@code length}
   * when the text was cut (token limit, context, quota, or the deadline of a stream).
   */
  static String finishReason(FinishReason reason) {
    return reason == FinishReason.STOP ? "stop" : "length";
  }

  private JsonObject envelope(String object) {
    return new JsonObject()
        .put("id", id)
        .put("object", object)
        .put("created", created)
        .put("model", model)
        .putNull("system_fingerprint");
  }

  private static JsonObject usage(GenerationResult result) {
    return new JsonObject()
        .put("prompt_tokens", result.promptTokens())
        .put("completion_tokens", result.completionTokens())
        .put("total_tokens", result.promptTokens() + result.completionTokens())
        .put("compute_ms", result.usage().computeMillis())
        .put("device", result.usage().device());
  }
}
