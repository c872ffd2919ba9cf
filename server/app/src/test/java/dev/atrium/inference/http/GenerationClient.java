package dev.atrium.inference.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Calls the generation endpoints of a test server over real HTTP: whole answers, and streams read
 * event by event with the time each arrived.
 */
final class GenerationClient {
  static final String CHAT = "/v1/chat/completions";
  static final String COMPLETIONS = "/v1/completions";

  private final WebClient web;
  private final HttpClient http;
  private final int port;

  GenerationClient(Vertx vertx, int port) {
    this.web =
        WebClient.create(
            vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    this.http = vertx.createHttpClient();
    this.port = port;
  }

  /** One server-sent event: its {@code data} and when it arrived ({@link System#nanoTime}). */
  record Event(long arrivedNanos, String data) {
    boolean done() {
      return data.equals("[DONE]");
    }

    JsonObject json() {
      return new JsonObject(data);
    }
  }

  /** A streamed response as the client saw it. */
  record Streamed(int status, String contentType, List<Event> events, String body) {
    /** Every chunk but the final {@code [DONE]}. */
    List<JsonObject> chunks() {
      return events.stream().filter(e -> !e.done()).map(Event::json).toList();
    }

    /** The generated text: every chunk's delta content (chat) or text (completions), joined. */
    String text() {
      return chunks().stream()
          .flatMap(c -> c.getJsonArray("choices").stream().map(JsonObject.class::cast))
          .map(
              choice ->
                  Optional.ofNullable(choice.getJsonObject("delta"))
                      .map(d -> d.getString("content", ""))
                      .orElseGet(() -> choice.getString("text", "")))
          .collect(Collectors.joining());
    }

    /** The chunk holding the finish reason. */
    JsonObject closing() {
      return chunks().stream()
          .filter(
              c ->
                  !c.getJsonArray("choices").isEmpty()
                      && c.getJsonArray("choices").getJsonObject(0).getString("finish_reason")
                          != null)
          .findFirst()
          .orElseThrow(() -> new AssertionError("no chunk with a finish reason in " + body));
    }

    String finishReason() {
      return closing().getJsonArray("choices").getJsonObject(0).getString("finish_reason");
    }
  }

  HttpResponse<Buffer> post(String path, String key, JsonObject body) {
    return web.post(path).bearerTokenAuthentication(key).sendJsonObject(body).await();
  }

  Streamed stream(String path, String key, JsonObject body) {
    return streamAsync(path, key, body).await();
  }

  /** Sends {@code body} and collects the events until the response ends. */
  Future<Streamed> streamAsync(String path, String key, JsonObject body) {
    return open(path, key, body)
        .compose(
            response -> {
              Promise<Streamed> done = Promise.promise();
              List<Event> events = new ArrayList<>();
              StringBuilder all = new StringBuilder();
              StringBuilder pending = new StringBuilder();
              response.handler(
                  chunk -> {
                    long now = System.nanoTime();
                    all.append(chunk.toString());
                    pending.append(chunk.toString());
                    int end;
                    while ((end = pending.indexOf("\n\n")) >= 0) {
                      String event = pending.substring(0, end);
                      pending.delete(0, end + 2);
                      if (event.startsWith("data: ")) {
                        events.add(new Event(now, event.substring(6)));
                      }
                    }
                  });
              response.endHandler(
                  v ->
                      done.complete(
                          new Streamed(
                              response.statusCode(),
                              response.getHeader("Content-Type"),
                              List.copyOf(events),
                              all.toString())));
              response.exceptionHandler(done::tryFail);
              return done.future();
            });
  }

  /**
   * Starts a stream and closes the connection as soon as its first event arrives, as a client that
   * goes away does (a plain socket: Vert.x's client closes gracefully, after the response ends).
   */
  void abandonAfterFirstEvent(String path, String key, JsonObject body) throws IOException {
    byte[] json = body.toBuffer().getBytes();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + key
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + json.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(json);
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder received = new StringBuilder();
      byte[] buffer = new byte[4096];
      while (!received.toString().contains("data: ")) {
        int n = in.read(buffer);
        if (n < 0) {
          throw new IOException("the stream ended before its first event: " + received);
        }
        received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
      if (!received.toString().startsWith("HTTP/1.1 200")) {
        throw new IOException("not a stream: " + received);
      }
    }
  }

  private Future<HttpClientResponse> open(String path, String key, JsonObject body) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI(path)
            .putHeader("Authorization", "Bearer " + key)
            .putHeader("Content-Type", "application/json");
    return http.request(options).compose(request -> request.send(body.toBuffer()));
  }
}
