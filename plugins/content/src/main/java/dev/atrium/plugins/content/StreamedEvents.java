package dev.atrium.plugins.content;

import dev.atrium.plugin.api.EventSink;
import dev.atrium.plugin.api.PluginResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A streamed generation's events ({@code token} per token, {@code retry} when an attempt held a
 * banned term), sent at once on a host that streams ({@link EventSink#live()}), else kept for the
 * response's body; {@link #end} answers the {@code result} event and {@code [DONE]}.
 */
final class StreamedEvents implements Writer.Listener {
  private final EventSink sink;
  private final List<JsonObject> kept = new ArrayList<>();

  StreamedEvents(EventSink sink) {
    this.sink = sink;
  }

  @Override
  public void token(int variant, int attempt, String text) {
    emit(
        new JsonObject()
            .put("type", "token")
            .put("variant", variant)
            .put("attempt", attempt)
            .put("text", text));
  }

  @Override
  public void retry(int variant, int attempt, Moderation.Verdict verdict) {
    emit(
        new JsonObject()
            .put("type", "retry")
            .put("variant", variant)
            .put("attempt", attempt)
            .put("moderation", verdict.toJson()));
  }

  private synchronized void emit(JsonObject event) {
    if (sink.live()) {
      sink.send(event);
    } else {
      kept.add(event);
    }
  }

  /** The response that ends the stream: the events kept (if any), the result, {@code [DONE]}. */
  synchronized PluginResponse end(JsonObject result) {
    Buffer body = Buffer.buffer();
    kept.forEach(e -> body.appendString("data: " + e.encode() + "\n\n"));
    body.appendString("data: " + result.encode() + "\n\n").appendString("data: [DONE]\n\n");
    return new PluginResponse(200, "text/event-stream", body, Map.of("Cache-Control", "no-cache"));
  }
}
