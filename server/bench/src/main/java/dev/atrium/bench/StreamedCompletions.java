package dev.atrium.bench;

import dev.atrium.bench.LoadGenerator.Call;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Streamed {@code POST /v1/completions} for a load loop: each exchange reads the server-sent events
 * as they come, answers the time to the first chunk with text (time to first token) and adds the
 * completion tokens of the final usage chunk ({@code stream_options.include_usage}) to {@link
 * #tokens()}: the API may stop at the end of text before {@code max_tokens}, so tokens are counted
 * as the server reports them.
 */
final class StreamedCompletions implements Supplier<Future<Long>> {
  private final LoadGenerator load;
  private final Call call;
  private final LongAdder tokens = new LongAdder();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();

  StreamedCompletions(
      LoadGenerator load, String apiKey, String model, String prompt, int maxTokens) {
    this.load = load;
    this.call =
        Call.post(
            "/v1/completions",
            apiKey,
            new JsonObject()
                .put("model", model)
                .put("prompt", prompt)
                .put("max_tokens", maxTokens)
                .put("stream", true)
                .put("stream_options", new JsonObject().put("include_usage", true))
                .encode());
  }

  /** Runs a closed loop of these completions and answers what it measured. */
  StreamingResult closedLoop(Duration duration) throws InterruptedException {
    tokens.reset();
    LoadResult firstToken = load.closedLoopOf(this, duration);
    return new StreamingResult(firstToken, tokens.sum());
  }

  /** Why the first failed exchange failed, if one did (for the bench's output). */
  String firstFailure() {
    return firstFailure.get();
  }

  @Override
  public Future<Long> get() {
    long started = System.nanoTime();
    return load.request(call)
        .compose(response -> read(response, started))
        .onFailure(e -> firstFailure.compareAndSet(null, e.getMessage()));
  }

  private Future<Long> read(HttpClientResponse response, long started) {
    if (response.statusCode() != 200) {
      return response
          .body()
          .compose(body -> Future.failedFuture("HTTP " + response.statusCode() + ": " + body));
    }
    Promise<Long> done = Promise.promise();
    long[] firstText = {0};
    long[] completionTokens = {-1};
    RecordParser lines = RecordParser.newDelimited("\n", response);
    lines.handler(
        line -> {
          String text = line.toString().strip();
          if (!text.startsWith("data:")) {
            return;
          }
          String data = text.substring("data:".length()).strip();
          if (data.equals("[DONE]")) {
            return;
          }
          try {
            JsonObject chunk = new JsonObject(data);
            if (firstText[0] == 0 && hasText(chunk)) {
              firstText[0] = System.nanoTime();
            }
            JsonObject usage = chunk.getJsonObject("usage");
            if (usage != null) {
              completionTokens[0] = usage.getLong("completion_tokens");
            }
          } catch (RuntimeException e) {
            done.tryFail("a chunk that is not OpenAI's JSON: " + data);
          }
        });
    lines.exceptionHandler(done::tryFail);
    lines.endHandler(
        end -> {
          if (firstText[0] == 0 || completionTokens[0] < 0) {
            done.tryFail("the stream ended without text or without a usage chunk");
          } else {
            tokens.add(completionTokens[0]);
            done.tryComplete(firstText[0] - started);
          }
        });
    return done.future();
  }

  private static boolean hasText(JsonObject chunk) {
    JsonArray choices = chunk.getJsonArray("choices");
    return choices != null
        && !choices.isEmpty()
        && !choices.getJsonObject(0).getString("text", "").isEmpty();
  }
}
