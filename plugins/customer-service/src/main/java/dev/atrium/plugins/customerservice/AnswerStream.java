package dev.atrium.plugins.customerservice;

import dev.atrium.plugin.api.EventSink;
import dev.atrium.plugin.api.PluginResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The events of an answer asked for as a stream ({@code "stream": true} or {@code Accept:
 * text/event-stream}): {@code retrieval} once the passages are found (citations, confidence,
 * intent), {@code token} for each token of a generated draft (before its support check, so the
 * final text may differ), then {@link #end} answers the {@code result} (the JSON answer) and {@code
 * [DONE]}. On a host that streams the events go out at once; otherwise they lead the response body.
 * An answer not asked for as a stream has {@link #NONE}, which sends nothing.
 */
final class AnswerStream {
  static final AnswerStream NONE = new AnswerStream(null);

  private final EventSink sink;
  private final List<JsonObject> kept = new ArrayList<>();

  private AnswerStream(EventSink sink) {
    this.sink = sink;
  }

  static AnswerStream to(EventSink sink) {
    return new AnswerStream(sink);
  }

  boolean streaming() {
    return sink != null;
  }

  /** The passages found, before the answer is written. */
  void retrieved(JsonObject answer) {
    emit(
        new JsonObject()
            .put("type", "retrieval")
            .put("confidence", answer.getValue("confidence"))
            .put("intent", answer.getValue("intent"))
            .put("citations", answer.getJsonArray("citations").copy()));
  }

  /** A token of the generated draft. */
  void token(String text) {
    if (!text.isEmpty()) {
      emit(new JsonObject().put("type", "token").put("text", text));
    }
  }

  private synchronized void emit(JsonObject event) {
    if (sink == null) {
      return;
    }
    if (sink.live()) {
      sink.send(event);
    } else {
      kept.add(event);
    }
  }

  /** The response that ends the stream: the events kept (if any), the result, {@code [DONE]}. */
  synchronized PluginResponse end(JsonObject answer) {
    Buffer body = Buffer.buffer();
    for (JsonObject event : kept) {
      body.appendString("data: ").appendString(event.encode()).appendString("\n\n");
    }
    JsonObject result = answer.copy().put("type", "result");
    body.appendString("data: ").appendString(result.encode()).appendString("\n\ndata: [DONE]\n\n");
    return new PluginResponse(200, "text/event-stream", body, Map.of("Cache-Control", "no-cache"));
  }
}
