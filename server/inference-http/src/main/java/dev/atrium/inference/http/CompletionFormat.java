package dev.atrium.inference.http;

import io.vertx.core.json.JsonObject;

/**
 * How each endpoint shapes its one choice, whole and streamed: {@code chat.completion} with a
 * {@code message} (streamed as {@code chat.completion.chunk}s: a {@code delta} with the role first,
 * then one with each piece of content, then an empty one with the finish reason), or {@code
 * text_completion} with a {@code text} (streamed as chunks of the same object type, the last with
 * an empty text and the finish reason).
 */
enum CompletionFormat {
  CHAT("chatcmpl-", "chat.completion", "chat.completion.chunk") {
    @Override
    JsonObject answer(String text, String finishReason) {
      return choice(finishReason)
          .put(
              "message",
              new JsonObject().put("role", "assistant").put("content", text).putNull("refusal"));
    }

    @Override
    JsonObject opening() {
      return delta(new JsonObject().put("role", "assistant").put("content", ""), null);
    }

    @Override
    JsonObject piece(String text) {
      return delta(new JsonObject().put("content", text), null);
    }

    @Override
    JsonObject closing(String finishReason) {
      return delta(new JsonObject(), finishReason);
    }

    private JsonObject delta(JsonObject delta, String finishReason) {
      return choice(finishReason).put("delta", delta);
    }
  },

  TEXT("cmpl-", "text_completion", "text_completion") {
    @Override
    JsonObject answer(String text, String finishReason) {
      return choice(finishReason).put("text", text);
    }

    @Override
    JsonObject opening() {
      return null;
    }

    @Override
    JsonObject piece(String text) {
      return choice(null).put("text", text);
    }

    @Override
    JsonObject closing(String finishReason) {
      return choice(finishReason).put("text", "");
    }
  };

  private final String idPrefix;
  private final String object;
  private final String chunkObject;

  CompletionFormat(String idPrefix, String object, String chunkObject) {
    this.idPrefix = idPrefix;
    this.object = object;
    this.chunkObject = chunkObject;
  }

  String idPrefix() {
    return idPrefix;
  }

  /** The {@code object} of the whole answer. */
  String object() {
    return object;
  }

  /** The {@code object} of each streamed chunk. */
  String chunkObject() {
    return chunkObject;
  }

  /** The choice of the whole answer. */
  abstract JsonObject answer(String text, String finishReason);

  /** The choice of the first chunk, before any content (null when the format has none). */
  abstract JsonObject opening();

  /** The choice of a chunk carrying a piece of the text. */
  abstract JsonObject piece(String text);

  /** The choice of the last chunk, carrying the finish reason. */
  abstract JsonObject closing(String finishReason);

  /** A choice with its index, no log probabilities, and the finish reason (null while going on). */
  static JsonObject choice(String finishReason) {
    return new JsonObject().put("index", 0).putNull("logprobs").put("finish_reason", finishReason);
  }
}
