package dev.atrium.bench;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An HTTP load generator over keep-alive connections. Closed loop: {@code concurrency} callers each
 * send the next request when the last answered. Open loop: requests start on a fixed schedule at
 * {@code rate} per second whatever the server does, and latency counts from the scheduled start, so
 * a stalled server cannot hide its queueing (no coordinated omission).
 */
public final class LoadGenerator implements AutoCloseable {
  /**
   * How long an exchange may go unanswered before it counts as failed. Vert.x 5.0.7's client now
   * and then loses the first request sent on a kept-alive connection after a pause: it never
   * reaches the socket (the server received every byte the client sent; a raw-socket client never
   * stalled in the same runs) and the request's own timeouts never fire, so without this one lost
   * request held a closed loop's caller until the run's 60 s wait.
   */
  private static final long LOST_AFTER_MILLIS = 10_000;

  private final Vertx vertx;
  private final HttpClient client;
  private final int concurrency;

  public LoadGenerator(int port, int concurrency) {
    this.concurrency = concurrency;
    this.vertx = Vertx.vertx();
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(port)
                .setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(concurrency));
  }

  /** One request: method, path, optional bearer credential and JSON body. */
  public record Call(HttpMethod method, String path, String bearer, String jsonBody) {
    public static Call get(String path, String bearer) {
      return new Call(HttpMethod.GET, path, bearer, null);
    }

    public static Call post(String path, String bearer, String jsonBody) {
      return new Call(HttpMethod.POST, path, bearer, jsonBody);
    }
  }

  public LoadResult closedLoop(Call call, Duration duration) throws InterruptedException {
    requireNonNull(call, "call is null");
    return closedLoop(() -> call, duration);
  }

  /** Closed loop where each request is a fresh {@code calls.get()} (e.g. cycling a corpus). */
  public LoadResult closedLoop(Supplier<Call> calls, Duration duration)
      throws InterruptedException {
    return closedLoopOf(
        () -> {
          long started = System.nanoTime();
          return send(calls.get())
              .compose(
                  status ->
                      status < 400
                          ? Future.succeededFuture(System.nanoTime() - started)
                          : Future.failedFuture("HTTP " + status));
        },
        duration);
  }

  /**
   * Closed loop of any exchange: {@code exchanges.get()} starts one and answers the latency it
   * measured in nanoseconds (a streamed answer may count to its first token), or fails.
   */
  LoadResult closedLoopOf(Supplier<Future<Long>> exchanges, Duration duration)
      throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    LatencyRecorder recorder = new LatencyRecorder();
    CountDownLatch done = new CountDownLatch(concurrency);
    long start = System.nanoTime();
    for (int i = 0; i < concurrency; i++) {
      loop(exchanges, end, recorder, done);
    }
    done.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
    return recorder.result((System.nanoTime() - start) / 1e9);
  }

  public LoadResult openLoop(Call call, int ratePerSecond, Duration duration)
      throws InterruptedException {
    long interval = 1_000_000_000L / ratePerSecond;
    long total = duration.toSeconds() * ratePerSecond;
    LatencyRecorder recorder = new LatencyRecorder();
    CountDownLatch done = new CountDownLatch((int) total);
    long start = System.nanoTime();
    // A 1 ms tick on an event loop starts every request whose scheduled time has come.
    long[] next = {0};
    vertx.setPeriodic(
        1,
        timer -> {
          long now = System.nanoTime();
          while (next[0] < total && start + next[0] * interval <= now) {
            long scheduled = start + next[0]++ * interval;
            guarded(send(call))
                .onComplete(
                    ar -> {
                      recorder.record(
                          ar.succeeded() && ar.result() < 400, System.nanoTime() - scheduled);
                      done.countDown();
                    });
          }
          if (next[0] == total) {
            vertx.cancelTimer(timer);
          }
        });
    done.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
    return recorder.result((System.nanoTime() - start) / 1e9);
  }

  private void loop(
      Supplier<Future<Long>> exchanges, long end, LatencyRecorder recorder, CountDownLatch done) {
    if (System.nanoTime() >= end) {
      done.countDown();
      return;
    }
    guarded(exchanges.get())
        .onComplete(
            ar -> {
              recorder.record(ar.succeeded(), ar.succeeded() ? ar.result() : 0);
              loop(exchanges, end, recorder, done);
            });
  }

  /** {@code exchange}, failed when it has no outcome within {@link #LOST_AFTER_MILLIS}. */
  private <T> Future<T> guarded(Future<T> exchange) {
    Promise<T> outcome = Promise.promise();
    long timer =
        vertx.setTimer(
            LOST_AFTER_MILLIS,
            fired -> {
              if (outcome.tryFail("no answer within " + LOST_AFTER_MILLIS + " ms")) {
                System.err.println(
                    "load generator: a request had no answer within "
                        + LOST_AFTER_MILLIS
                        + " ms; counted as failed");
              }
            });
    exchange.onComplete(
        ar -> {
          vertx.cancelTimer(timer);
          if (ar.succeeded()) {
            outcome.tryComplete(ar.result());
          } else {
            outcome.tryFail(ar.cause());
          }
        });
    return outcome.future();
  }

  /** Sends {@code call} and waits for its JSON answer (setup steps, not measured). */
  public JsonObject fetchJson(Call call) {
    return request(call).compose(resp -> resp.body()).map(Buffer::toJsonObject).await();
  }

  /** Sends {@code call} and answers its status code once the whole body has arrived. */
  private Future<Integer> send(Call call) {
    return request(call).compose(resp -> resp.body().map(body -> resp.statusCode()));
  }

  /** Sends {@code call} and answers its response as soon as the headers arrive. */
  Future<HttpClientResponse> request(Call call) {
    RequestOptions options = new RequestOptions().setMethod(call.method()).setURI(call.path());
    if (call.bearer() != null) {
      options.putHeader("Authorization", "Bearer " + call.bearer());
    }
    if (call.jsonBody() != null) {
      options.putHeader("Content-Type", "application/json");
    }
    return client
        .request(options)
        .compose(
            req -> call.jsonBody() == null ? req.send() : req.send(Buffer.buffer(call.jsonBody())));
  }

  @Override
  public void close() {
    client.close().await();
    vertx.close().await();
  }
}
