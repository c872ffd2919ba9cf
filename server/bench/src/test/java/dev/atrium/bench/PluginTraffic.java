package dev.atrium.bench;

import dev.atrium.bench.KeyedCall.Kind;
import dev.atrium.bench.KeyedCall.Outcome;
import dev.atrium.bench.KeyedCall.Result;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Concurrent plugin calls of one tenant's API key, each under its own {@code Idempotency-Key}:
 * fraud scores of new payments over a few accounts (six in ten), customer-service answers (three in
 * ten) and fraud scores the plugin refuses (one in ten). Every call's last result is kept by its
 * key. One instance runs once: {@link #start}, then {@link #awaitIdle}.
 */
final class PluginTraffic implements AutoCloseable {
  static final int ACCOUNTS = 12;
  private static final List<String> QUESTIONS =
      List.of(
          "How long do refunds take?",
          "Can I return an item after 30 days?",
          "Who pays for return shipping?");

  private final HttpClient http;
  private final String apiKey;
  private final Map<String, Result> results = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ExecutorService workers;
  private final int concurrency;
  private final String phase;

  /** {@code phase} prefixes the calls' idempotency keys and payment ids. */
  PluginTraffic(HttpClient http, String apiKey, int concurrency, String phase) {
    this.http = http;
    this.apiKey = apiKey;
    this.concurrency = concurrency;
    this.phase = phase;
    this.workers = Executors.newFixedThreadPool(concurrency);
  }

  /** Starts {@code concurrency} clients calling the server on {@code port} until {@link #stop}. */
  void start(int port) {
    for (int i = 0; i < concurrency; i++) {
      workers.execute(
          () -> {
            while (running.get()) {
              KeyedCall call = call(next.getAndIncrement());
              try {
                results.put(call.idempotencyKey(), call.send(http, port, apiKey));
              } catch (InterruptedException e) {
                return;
              }
            }
          });
    }
  }

  /** Clients send nothing new (calls in flight still complete). */
  void stop() {
    running.set(false);
  }

  /** Waits until every call sent has its result. */
  void awaitIdle() throws InterruptedException {
    stop();
    workers.shutdown();
    if (!workers.awaitTermination(90, TimeUnit.SECONDS)) {
      throw new IllegalStateException("calls still running after 90 s");
    }
  }

  /** Calls of this run that ended {@code outcome} so far. */
  long count(Outcome outcome) {
    return results.values().stream().filter(r -> r.outcome() == outcome).count();
  }

  /** Every call's latest result, by idempotency key. */
  Map<String, Result> results() {
    return results;
  }

  /** A fraud score of a new payment of {@code account} (a probe of its feature counts). */
  static KeyedCall score(String key, String paymentId, String account, Instant at) {
    return new KeyedCall(
        Kind.SCORE, key, "/v1/fraud/score", payment(paymentId, account, at, "CNY"), account);
  }

  private KeyedCall call(int n) {
    String key = phase + "-" + n;
    String account = "acct-" + (n % ACCOUNTS);
    Instant at = Instant.now().minusSeconds(1);
    return switch (n % 10) {
      case 6, 7, 8 ->
          new KeyedCall(
              Kind.ANSWER,
              key,
              "/v1/customer-service/answer",
              new JsonObject().put("question", QUESTIONS.get(n % QUESTIONS.size())),
              null);
      case 9 ->
          new KeyedCall(
              Kind.BAD_SCORE,
              key,
              "/v1/fraud/score",
              payment("pay-" + key, account, at, "ABC"),
              account);
      default -> score(key, "pay-" + key, account, at);
    };
  }

  private static JsonObject payment(String id, String account, Instant at, String currency) {
    return new JsonObject()
        .put("id", id)
        .put("amount", 12.5 + Math.floorMod(id.hashCode(), 40))
        .put("currency", currency)
        .put("timestamp", at.toString())
        .put("account", account)
        .put("merchant", "merchant-" + Math.floorMod(id.hashCode(), 5))
        .put("channel", "mobile")
        .put("device", "phone-" + account)
        .put("ip", "203.0.113.7")
        .put("country", "CN");
  }

  @Override
  public void close() {
    stop();
    workers.shutdownNow();
  }
}
