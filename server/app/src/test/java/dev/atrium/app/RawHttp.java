package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 written by hand on a plain socket, for what a well-behaved client never sends: slow,
 * partial or malformed requests. Sockets connect to the test server on loopback from a chosen
 * loopback address ({@code 127.0.0.x}), so each test's clients count as their own address.
 */
final class RawHttp {
  private RawHttp() {}

  /** A response read to the end of the connection. */
  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Asserts an RFC 9457 problem with this status and code, and returns its body. */
    JsonObject assertProblem(int status, String code) {
      assertThat(this.status).as(body).isEqualTo(status);
      assertThat(header("Content-Type")).isEqualTo("application/problem+json");
      JsonObject problem = new JsonObject(body);
      assertThat(problem.getString("code")).isEqualTo(code);
      assertThat(problem.getInteger("status")).isEqualTo(status);
      assertThat(problem.getString("type")).endsWith("/" + code);
      assertThat(problem.getString("title")).isNotBlank();
      assertThat(problem.getString("detail")).isNotBlank().doesNotContain("Exception");
      return problem;
    }
  }

  /** A socket to the server on {@code port}, connected from {@code localAddress}. */
  static Socket connect(String localAddress, int port) {
    try {
      Socket socket = new Socket();
      socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Socket socket, String bytes) {
    try {
      socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@code request} on a new connection and reads until the server closes it. */
  static Response exchange(String localAddress, int port, String request) {
    try (Socket socket = connect(localAddress, port)) {
      write(socket, request);
      return parse(readToEnd(socket, 30_000));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads until the server closes the connection (end of stream or reset) and returns what came;
   * fails if it is still open after {@code timeoutMillis}.
   */
  static byte[] readToEnd(Socket socket, int timeoutMillis) {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try {
      socket.setSoTimeout(timeoutMillis);
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        received.write(buffer, 0, n);
      }
    } catch (SocketException reset) {
      // Closed with a reset: closed all the same.
    } catch (IOException e) {
      throw new AssertionError("the server did not close the connection in time", e);
    }
    return received.toByteArray();
  }

  /** Reads one response whose body has a Content-Length, leaving the connection open. */
  static Response readOne(Socket socket) {
    try {
      socket.setSoTimeout(30_000);
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new AssertionError("connection closed within a response head: " + head);
        }
        head.write(b);
      }
      Response headers = parse(head.toByteArray());
      byte[] body = in.readNBytes(Integer.parseInt(headers.header("Content-Length")));
      return new Response(
          headers.status(), headers.headers(), new String(body, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Response parse(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    assertThat(end).as("a response head in: %s", text).isPositive();
    String[] lines = text.substring(0, end).split("\r\n");
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    return new Response(status, headers, text.substring(end + 4));
  }
}
