package dev.atrium.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Sends real HTTP requests to a running server and checks each request and its response against the
 * server's own {@code /openapi.json} with Atlassian's OpenAPI validator, at level ERROR for every
 * message: an undocumented status, content type, parameter, header or body shape is a violation.
 * Records which documented operation each exchange exercised and with which statuses, and the first
 * request of each operation that the server answered with 2xx, for sweeps to send again spoiled or
 * under another tenant's credentials ({@link #firstSuccess}).
 */
final class ValidatingClient {
  /** One answer: its status, content type and body. */
  record Exchange(int status, String contentType, byte[] body) {
    JsonObject json() {
      return new JsonObject(text());
    }

    JsonArray array() {
      return new JsonArray(text());
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + text();
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private DocumentedOperations operations;
  private OpenApiInteractionValidator validator;
  private final Map<String, Set<Integer>> statuses = new TreeMap<>();
  private final List<String> violations = new ArrayList<>();
  private final List<String> surprises = new ArrayList<>();
  private final Map<String, Call> successes = new TreeMap<>();

  ValidatingClient(String base, JsonObject document) {
    this.base = base;
    describedBy(document);
  }

  /** Validates from now on against {@code document} (after plugins added their routes). */
  synchronized void describedBy(JsonObject document) {
    this.operations = new DocumentedOperations(document);
    this.validator =
        OpenApiInteractionValidator.createForInlineApiSpecification(document.encode())
            .withLevelResolver(
                LevelResolver.create().withDefaultLevel(ValidationReport.Level.ERROR).build())
            .withStrictOperationPathMatching()
            .build();
  }

  synchronized DocumentedOperations operations() {
    return operations;
  }

  /** A call: method, path, credential (or null), query parameters, body and its media type. */
  static Call call(String method, String path) {
    return new Call(method, path);
  }

  /** Builder of one request. */
  static final class Call {
    private final String method;
    private String path;
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String token;
    private boolean invalid;
    private boolean endless;
    private String contentType;
    private byte[] body;

    private Call(String method, String path) {
      this.method = method;
      this.path = path;
    }

    /** A copy of this call without its credential. */
    Call copy() {
      Call copy = new Call(method, path);
      copy.query.putAll(query);
      copy.headers.putAll(headers);
      copy.invalid = invalid;
      copy.endless = endless;
      copy.contentType = contentType;
      copy.body = body;
      return copy;
    }

    String path() {
      return path;
    }

    /** The media type of the body, or null without one. */
    String mediaType() {
      return contentType;
    }

    /** The body, or null without one. */
    byte[] bytes() {
      return body;
    }

    /** Sends the same request to {@code path} instead. */
    Call at(String path) {
      this.path = path;
      return this;
    }

    Call withoutQuery(String name) {
      query.remove(name);
      return this;
    }

    Call as(String bearer) {
      this.token = bearer;
      return this;
    }

    /**
     * Marks the request as deliberately outside the contract (no credentials, a malformed body):
     * only its response must be documented.
     */
    Call invalid() {
      this.invalid = true;
      return this;
    }

    /**
     * Marks the answer as an endless event stream: its first event (up to the first blank line) is
     * read, checked as the body, and the connection closed.
     */
    Call firstEventOnly() {
      this.endless = true;
      return this;
    }

    Call query(String name, String value) {
      query.put(name, value);
      return this;
    }

    Call header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    Call json(Object json) {
      return body("application/json", json.toString().getBytes(StandardCharsets.UTF_8));
    }

    Call body(String mediaType, byte[] bytes) {
      this.contentType = mediaType;
      this.body = bytes;
      return this;
    }
  }

  /** Sends {@code call}, validates the exchange and answers it. */
  Exchange send(Call call) {
    String queryString =
        call.query.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    URI uri = URI.create(base + call.path + (queryString.isEmpty() ? "" : "?" + queryString));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(120))
            .method(
                call.method,
                call.body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(call.body));
    SimpleRequest.Builder described = new SimpleRequest.Builder(call.method, call.path, true);
    if (call.token != null) {
      request.header("Authorization", "Bearer " + call.token);
      described.withAuthorization("Bearer " + call.token);
    }
    if (call.contentType != null) {
      request.header("Content-Type", call.contentType);
      described.withContentType(call.contentType).withBody(call.body);
    }
    call.headers.forEach(
        (name, value) -> {
          request.header(name, value);
          described.withHeader(name, value);
        });
    call.query.forEach(described::withQueryParam);
    Exchange exchange;
    try {
      HttpResponse<InputStream> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = response.body()) {
        body = call.endless ? firstEvent(in) : in.readAllBytes();
      }
      String contentType = response.headers().firstValue("Content-Type").orElse(null);
      exchange = new Exchange(response.statusCode(), contentType, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    check(call, described.build(), exchange);
    return exchange;
  }

  private synchronized void check(Call call, Request request, Exchange exchange) {
    String what = call.method + " " + call.path + " -> " + exchange.status();
    String operation = operations.of(call.method, call.path).orElse(null);
    if (operation == null) {
      violations.add(what + ": no operation in the document");
      return;
    }
    statuses.computeIfAbsent(operation, o -> new TreeSet<>()).add(exchange.status());
    if (!call.invalid && exchange.status() / 100 == 2) {
      successes.putIfAbsent(operation, call.copy());
    }
    SimpleResponse.Builder response = new SimpleResponse.Builder(exchange.status());
    if (exchange.contentType() != null) {
      response.withContentType(exchange.contentType());
    }
    if (exchange.body().length > 0) {
      response.withBody(exchange.body());
    }
    ValidationReport report = validator.validate(request, response.build());
    for (ValidationReport.Message message : report.getMessages()) {
      boolean expected = call.invalid && message.getKey().startsWith("validation.request");
      if (message.getLevel() == ValidationReport.Level.ERROR && !expected) {
        violations.add(
            what
                + ": "
                + message.getKey()
                + " "
                + message.getMessage()
                + " "
                + message.getAdditionalInfo()
                + " body="
                + abbreviate(exchange.text()));
      }
    }
  }

  /**
   * Sends {@code call} and answers the exchange; an answer other than {@code status} is noted as a
   * surprise (see {@link #surprises}) so that one run lists them all.
   */
  Exchange expect(int status, Call call) {
    Exchange answer = send(call);
    if (answer.status() != status) {
      synchronized (this) {
        surprises.add(call.method + " " + call.path + " expected " + status + ", got " + answer);
      }
    }
    return answer;
  }

  /** The calls that did not answer the status their caller expected since the last time asked. */
  synchronized List<String> takeSurprises() {
    List<String> taken = List.copyOf(surprises);
    surprises.clear();
    return taken;
  }

  /**
   * A copy, without its credential, of the first request of {@code operation} (as {@code "POST
   * /v1/fraud/alerts/{id}/assign"}) that was not marked {@link Call#invalid} and was answered with
   * 2xx: a request the server takes, to send again changed.
   */
  synchronized Optional<Call> firstSuccess(String operation) {
    return Optional.ofNullable(successes.get(operation)).map(Call::copy);
  }

  /** The statuses each exercised operation answered. */
  synchronized Map<String, Set<Integer>> statuses() {
    return Map.copyOf(statuses);
  }

  synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  /** The bytes of {@code in} up to and including the first blank line (the end of an event). */
  private static byte[] firstEvent(InputStream in) throws IOException {
    ByteArrayOutputStream event = new ByteArrayOutputStream();
    int previous = -1;
    for (int b = in.read(); b != -1; b = in.read()) {
      event.write(b);
      if (b == '\n' && previous == '\n') {
        break;
      }
      previous = b;
    }
    return event.toByteArray();
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
