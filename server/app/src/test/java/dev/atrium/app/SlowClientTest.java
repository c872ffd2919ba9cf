package dev.atrium.app;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.RawHttp.Response;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hundreds of slow clients (idle, half a request line, half the headers, half a body, and tricklers
 * that send a byte at a time so that no idle timeout ever fires) hold connections while others are
 * served; the timeouts close every one of them. Each kind of client connects from its own loopback
 * address, within the per-address limit; that limit's 503 is tested on its own.
 */
@ExtendWith(VertxExtension.class)
final class SlowClientTest {
  private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration BODY_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(7);

  /**
   * The server's timer starts when it accepts the connection, a moment before the client notes the
   * time it opened it: a close may look that much early from the client's side.
   */
  private static final long CLOCK_SLACK_MILLIS = 100;

  private static final int PER_ADDRESS = 200;
  private static final long TRICKLE_MILLIS = 250;

  private static TestServer server;
  private static ApiClient api;
  private static String key;
  private static ScheduledExecutorService trickle;

  @BeforeAll
  static void start(Vertx vertx) {
    trickle = Executors.newScheduledThreadPool(2);
    server =
        TestServer.start(
            Map.of(
                "http.header-timeout-seconds", seconds(HEADER_TIMEOUT),
                "http.body-timeout-seconds", seconds(BODY_TIMEOUT),
                "http.idle-timeout-seconds", seconds(IDLE_TIMEOUT),
                "http.max-connections-per-address", Integer.toString(PER_ADDRESS)));
    // A new connection per request: a pooled one would race the server's idle timeout.
    api =
        new ApiClient(
            vertx,
            new WebClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(server.port())
                .setKeepAlive(false));
    String owner = api.signup("Slow Co", "slow@example.com");
    key = api.createKey(owner, new JsonObject().put("name", "steady")).getString("key");
    assertThat(api.get("/v1/me", key).statusCode()).isEqualTo(200); // the key is now cached
  }

  @AfterAll
  static void stop() {
    trickle.shutdownNow();
    server.close();
  }

  @Test
  void slowClientsAreClosedByTheTimeoutsWhileOthersAreServed() throws Exception {
    List<SlowClient> unanswered = new ArrayList<>();
    unanswered.addAll(open("127.0.0.2", 200, ""));
    unanswered.addAll(open("127.0.0.3", 100, "GET /v1/me HT"));
    unanswered.addAll(open("127.0.0.4", 100, "GET /v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: B"));
    unanswered.addAll(trickling("127.0.0.5", 50, "GET /v1/me HTTP/1.1\r\nHost: x\r\nX-Slow: "));
    List<SlowClient> halfBodies = new ArrayList<>();
    halfBodies.addAll(open("127.0.0.6", 100, login(100) + "{\"email\": "));
    halfBodies.addAll(trickling("127.0.0.7", 50, login(10_000)));

    // While they hang on, the server answers everyone else at once.
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      millis.add(timed(() -> api.get("/health/ready", null).statusCode()));
      millis.add(timed(() -> api.get("/v1/me", key).statusCode()));
    }
    long servedAt = System.nanoTime();
    millis.sort(null);
    System.out.printf(
        "SlowClientTest: %d slow connections; 20 requests beside them: median %d ms, max %d ms%n",
        unanswered.size() + halfBodies.size(), millis.get(10), millis.getLast());
    assertThat(millis.getLast()).isLessThan(HEADER_TIMEOUT.toMillis());

    try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Closed>> closing = new ArrayList<>();
      for (SlowClient client : unanswered) {
        closing.add(readers.submit(client::awaitClose));
      }
      for (Future<Closed> future : closing) {
        Closed closed = future.get();
        assertThat(closed.bytes()).as("closed unanswered").isEmpty();
        assertThat(closed.afterMillis())
            .isGreaterThanOrEqualTo(HEADER_TIMEOUT.toMillis() - CLOCK_SLACK_MILLIS);
        assertThat(closed.at()).as("closed after the others were served").isGreaterThan(servedAt);
      }
      closing.clear();
      for (SlowClient client : halfBodies) {
        closing.add(readers.submit(client::awaitClose));
      }
      for (Future<Closed> future : closing) {
        Closed closed = future.get();
        RawHttp.parse(closed.bytes()).assertProblem(408, "request_timeout");
        assertThat(closed.afterMillis())
            .isGreaterThanOrEqualTo(BODY_TIMEOUT.toMillis() - CLOCK_SLACK_MILLIS);
      }
    }
    assertThat(api.get("/v1/me", key).statusCode()).isEqualTo(200);
  }

  @Test
  void connectionsOverThePerAddressLimitAreAnswered503AndClosed() throws IOException {
    List<Socket> sockets =
        IntStream.range(0, PER_ADDRESS + 10)
            .mapToObj(i -> RawHttp.connect("127.0.0.8", server.port()))
            .toList();
    try {
      for (Socket socket : sockets) {
        RawHttp.write(socket, "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
      }
      int served = 0;
      for (Socket socket : sockets) {
        Response response = RawHttp.readOne(socket);
        if (response.status() == 200) {
          served++;
          continue;
        }
        response.assertProblem(503, "too_many_connections");
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(RawHttp.readToEnd(socket, 30_000)).as("closed after the 503").isEmpty();
      }
      assertThat(served).isEqualTo(PER_ADDRESS);
      // Other addresses are not affected.
      assertThat(api.get("/health/live", null).statusCode()).isEqualTo(200);
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  @Test
  void aKeptAliveConnectionIsClosedAfterTheIdleTimeout() throws IOException {
    try (Socket socket = RawHttp.connect("127.0.0.9", server.port())) {
      for (int i = 0; i < 2; i++) {
        RawHttp.write(socket, "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(RawHttp.readOne(socket).status()).isEqualTo(200);
      }
      long answered = System.nanoTime();

      assertThat(RawHttp.readToEnd(socket, 30_000)).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - answered))
          .isGreaterThanOrEqualTo(IDLE_TIMEOUT);
    }
  }

  /** Opens {@code count} connections from {@code address}, each sending {@code start}. */
  private static List<SlowClient> open(String address, int count, String start) {
    List<SlowClient> clients = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Socket socket = RawHttp.connect(address, server.port());
      long opened = System.nanoTime();
      RawHttp.write(socket, start);
      clients.add(new SlowClient(socket, opened));
    }
    return clients;
  }

  /**
   * Opens {@code count} connections that send {@code start}, then one more byte every {@value
   * #TRICKLE_MILLIS} ms until closed: never idle, never done.
   */
  private static List<SlowClient> trickling(String address, int count, String start) {
    List<SlowClient> clients = open(address, count, start);
    for (SlowClient client : clients) {
      trickle.scheduleAtFixedRate(
          () -> {
            try {
              client.socket().getOutputStream().write('a');
            } catch (IOException closed) {
              throw new UncheckedIOException(closed); // ends this client's schedule
            }
          },
          TRICKLE_MILLIS,
          TRICKLE_MILLIS,
          MILLISECONDS);
    }
    return clients;
  }

  private static String login(int contentLength) {
    return "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: "
        + contentLength
        + "\r\n\r\n";
  }

  /** Runs a request that must answer 200 and returns how long it took. */
  private static long timed(java.util.function.IntSupplier request) {
    long start = System.nanoTime();
    assertThat(request.getAsInt()).isEqualTo(200);
    return Duration.ofNanos(System.nanoTime() - start).toMillis();
  }

  private static String seconds(Duration duration) {
    return Long.toString(duration.toSeconds());
  }

  private record SlowClient(Socket socket, long openedAt) {
    Closed awaitClose() throws IOException {
      try (socket) {
        byte[] bytes = RawHttp.readToEnd(socket, 30_000);
        long now = System.nanoTime();
        return new Closed(bytes, now, Duration.ofNanos(now - openedAt).toMillis());
      }
    }
  }

  private record Closed(byte[] bytes, long at, long afterMillis) {}
}
