package dev.atrium.app;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.RawHttp.Response;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests the HTTP decoder refuses (too long, too large, malformed framing) are answered with
 * problems, as every other error is, and their connection is closed.
 */
@ExtendWith(VertxExtension.class)
final class ProtocolErrorProblemsTest {
  private static final String CLIENT = "127.0.0.1";
  private static TestServer server;
  private static ApiClient api;
  private static String key;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start();
    api = new ApiClient(vertx, server.port());
    String owner = api.signup("Protocol Co", "protocol@example.com");
    key = api.createKey(owner, new JsonObject().put("name", "raw")).getString("key");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void tooLongRequestLineIs414() {
    Response response = send("GET /v1/me?q=" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

    JsonObject problem = response.assertProblem(414, "uri_too_long");
    assertThat(problem.getString("detail")).contains("4096");
    assertThat(response.header("Connection")).isEqualTo("close");
  }

  @Test
  void tooLargeHeadersAre431() {
    Response response =
        send(
            "GET /v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + key
                + "\r\nX-Padding: "
                + "b".repeat(9000)
                + "\r\n\r\n");

    JsonObject problem = response.assertProblem(431, "headers_too_large");
    assertThat(problem.getString("detail")).contains("8192");
  }

  @Test
  void contentLengthThatIsNotANumberIs400() {
    send(post("Content-Length: ten\r\n") + "{}").assertProblem(400, "invalid_content_length");
  }

  @Test
  void negativeContentLengthIs400() {
    send(post("Content-Length: -2\r\n") + "{}").assertProblem(400, "invalid_content_length");
  }

  @Test
  void conflictingContentLengthsAre400() {
    send(post("Content-Length: 2\r\nContent-Length: 3\r\n") + "{}")
        .assertProblem(400, "invalid_content_length");
  }

  @Test
  void malformedHeaderIs400() {
    send("GET /v1/me HTTP/1.1\r\nHost: x\r\nNo Spaces Here: y\r\n\r\n")
        .assertProblem(400, "malformed_request");
  }

  @Test
  void declaredBodyOverTheLimitIs413() {
    try (Socket socket = RawHttp.connect(CLIENT, server.port())) {
      RawHttp.write(socket, post("Content-Length: 2000000\r\n"));

      RawHttp.readOne(socket).assertProblem(413, "body_too_large");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void streamedBodyOverTheLimitIs413() {
    Buffer big = Buffer.buffer("{\"input\": \"" + "c".repeat(1_100_000) + "\"}");

    assertProblem(
        api.send(HttpMethod.POST, "/v1/embeddings", key, "application/json", big),
        413,
        "body_too_large");
  }

  @Test
  void theServerStillAnswersAfterProtocolErrors() {
    send("GET /" + "d".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

    assertThat(api.get("/v1/me", key).statusCode()).isEqualTo(200);
  }

  private static String post(String lengthHeaders) {
    return "POST /v1/embeddings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
        + key
        + "\r\nContent-Type: application/json\r\n"
        + lengthHeaders
        + "\r\n";
  }

  private static Response send(String request) {
    return RawHttp.exchange(CLIENT, server.port(), request);
  }
}
