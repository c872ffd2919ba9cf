package dev.atrium.inference.http;

import static java.util.Objects.requireNonNull;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A response sent as server-sent events in OpenAI's form: one {@code data: <json>} event per chunk,
 * ended by {@code data: [DONE]}. The head is written with the first chunk, so a request that fails
 * before producing anything still gets an ordinary error response. Uncompressed, so every chunk
 * leaves at once.
 */
public final class EventStream {
  static final String CONTENT_TYPE = "text/event-stream";

  private final HttpServerResponse response;

  public EventStream(HttpServerResponse response) {
    this.response = requireNonNull(response, "response is null");
  }

  /** Sends {@code chunk} now (nothing if the client has gone). */
  public void send(JsonObject chunk) {
    if (response.closed() || response.ended()) {
      return;
    }
    if (!response.headWritten()) {
      response
          .setStatusCode(200)
          .setChunked(true)
          .putHeader("Content-Type", CONTENT_TYPE)
          .putHeader("Content-Encoding", "identity")
          .putHeader("X-Accel-Buffering", "no");
    }
    response.write(event(chunk));
  }

  boolean started() {
    return response.headWritten();
  }

  /** The end of the stream: {@code last} chunks, then {@code data: [DONE]}. */
  static Buffer end(List<JsonObject> last) {
    Buffer buffer = Buffer.buffer();
    last.forEach(chunk -> buffer.appendBuffer(event(chunk)));
    return buffer.appendString("data: [DONE]\n\n");
  }

  private static Buffer event(JsonObject chunk) {
    return Buffer.buffer("data: ").appendBuffer(chunk.toBuffer()).appendString("\n\n");
  }
}
