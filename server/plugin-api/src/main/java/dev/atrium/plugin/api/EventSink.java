package dev.atrium.plugin.api;

import io.vertx.core.json.JsonObject;

/**
 * Where a route streams server-sent events while it is still working, e.g. the tokens of a
 * generation as they are written ({@link PluginRequest#events()}). Each event goes out at once as
 * {@code data: <json>} on a {@code text/event-stream} response; the route's own answer, when it
 * comes, is written after the last event and ends the stream, so it should be the stream's end too
 * (its body in the same {@code data:} form, e.g. a result event and {@code data: [DONE]}).
 *
 * <p>A host or test context that cannot stream gives {@link #NONE}: the route then answers its
 * events in its body. Since SDK 1.5.0.
 */
public interface EventSink {

  /** Streams nothing: {@link #live()} is false and {@link #send} does nothing. */
  EventSink NONE =
      new EventSink() {
        @Override
        public boolean live() {
          return false;
        }

        @Override
        public void send(JsonObject event) {}
      };

  /** Whether events sent now reach the client now. */
  boolean live();

  /**
   * Sends one event; thread-safe, never blocks. Does nothing once the client has gone. The first
   * event commits the response: status 200 and {@code text/event-stream}.
   */
  void send(JsonObject event);
}
