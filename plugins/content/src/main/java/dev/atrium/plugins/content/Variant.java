package dev.atrium.plugins.content;

import dev.atrium.plugin.api.inference.FinishReason;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Optional;

/**
 * One written variant, after moderation.
 *
 * @param text the output (cut at the output shape's character limit when it was longer)
 * @param json the parsed value when the shape is JSON and the output is valid JSON
 * @param attempts how many times it was written (more than one when banned terms made it rewrite)
 * @param truncated whether the text was cut to the channel's length limit
 * @param promptTokens prompt tokens of all attempts
 * @param completionTokens tokens written over all attempts
 */
record Variant(
    int index,
    String text,
    Optional<Object> json,
    String model,
    FinishReason finishReason,
    int attempts,
    Moderation.Verdict verdict,
    boolean truncated,
    long promptTokens,
    long completionTokens) {

  JsonObject toJson(boolean jsonShape) {
    JsonObject out =
        new JsonObject()
            .put("index", index)
            .put("text", text)
            .put("model", model)
            .put("finishReason", finishReason.name().toLowerCase(Locale.ROOT))
            .put("attempts", attempts)
            .put("truncated", truncated)
            .put("moderation", verdict.toJson())
            .put(
                "usage",
                new JsonObject()
                    .put("promptTokens", promptTokens)
                    .put("completionTokens", completionTokens));
    if (jsonShape) {
      out.put("json", json.orElse(null)).put("validJson", json.isPresent());
    }
    return out;
  }
}
