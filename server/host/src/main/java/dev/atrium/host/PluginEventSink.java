package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import dev.atrium.inference.http.EventStream;
import dev.atrium.plugin.api.EventSink;
import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;

/**
 * A plugin request's {@link EventSink}: each event is written on the request's event loop as a
 * server-sent event, the first one committing the response; the plugin's answer then ends it.
 */
final class PluginEventSink implements EventSink {
  private final EventStream stream;
  private final Context eventLoop;

  PluginEventSink(EventStream stream, Context eventLoop) {
    this.stream = requireNonNull(stream, "stream is null");
    this.eventLoop = requireNonNull(eventLoop, "eventLoop is null");
  }

  @Override
  public boolean live() {
    return true;
  }

  @Override
  public void send(JsonObject event) {
    JsonObject copy = event.copy();
    eventLoop.runOnContext(v -> stream.send(copy));
  }
}
