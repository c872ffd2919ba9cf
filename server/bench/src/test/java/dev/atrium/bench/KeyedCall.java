package dev.atrium.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One API call a crash test's client makes, under its own {@code Idempotency-Key}, and sends again
 * (same key, same body) as a careful client does when it got no answer.
 */
record KeyedCall(Kind kind, String idempotencyKey, String path, JsonObject body, String account) {
  /** What the call is: which plugin route, and whether it is meant to succeed. */
  enum Kind {
    /** {@code POST /v1/fraud/score} of a new payment. */
    SCORE,
    /** {@code POST /v1/fraud/score} the plugin refuses with 400 (an unknown currency). */
    BAD_SCORE,
    /** {@code POST /v1/customer-service/answer}: embeds the question on the shared pool. */
    ANSWER
  }

  /** How a call ended for the client. */
  enum Outcome {
    /** A 2xx: its usage is acknowledged. */
    ACKNOWLEDGED,
    /** An error status: nothing may be billed. */
    REFUSED,
    /** No answer (the server died or was unreachable): the client must retry to know. */
    NO_ANSWER
  }

  /** One attempt's result; {@code replayed} when the server answered from its stored answer. */
  record Result(KeyedCall call, Outcome outcome, int status, String body, boolean replayed) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** One attempt against the server on {@code port}. */
  Result send(HttpClient http, int port, String apiKey) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + apiKey)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .build();
    try {
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      boolean replayed =
          answer.headers().firstValue("Idempotent-Replayed").orElse("").equals("true");
      return new Result(
          this,
          answer.statusCode() / 100 == 2 ? Outcome.ACKNOWLEDGED : Outcome.REFUSED,
          answer.statusCode(),
          answer.body(),
          replayed);
    } catch (IOException e) {
      return new Result(this, Outcome.NO_ANSWER, 0, e.toString(), false);
    }
  }

  /**
   * Sends the call until it has a final answer: after {@code 409 idempotency_key_in_use} (a first
   * attempt cut off by a crash holds the key until its lock expires) and {@code 503}, it waits as
   * long as {@code Retry-After} says and sends it again.
   */
  Result settle(HttpClient http, int port, String apiKey, Duration patience)
      throws InterruptedException {
    long end = System.nanoTime() + patience.toNanos();
    while (true) {
      Result result = send(http, port, apiKey);
      boolean retry =
          result.outcome() == Outcome.NO_ANSWER
              || result.status() == 503
              || (result.status() == 409
                  && result.json().getString("code", "").equals("idempotency_key_in_use"));
      if (!retry || System.nanoTime() > end) {
        return result;
      }
      Thread.sleep(500); // Retry-After is 1 or 2 s; half a second polls without hammering
    }
  }
}
