package dev.atrium.inference.http;

import static dev.atrium.app.Problems.assertProblem;
import static dev.atrium.inference.http.ChatCompletionsApiTest.MODEL;
import static dev.atrium.inference.http.ChatCompletionsApiTest.NO_END;
import static dev.atrium.inference.http.ChatCompletionsApiTest.STORIES_ONLY;
import static dev.atrium.inference.http.ChatCompletionsApiTest.chat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.ApiClient.SignedUpTenant;
import dev.atrium.app.TestServer;
import dev.atrium.inference.http.GenerationClient.Event;
import dev.atrium.inference.http.GenerationClient.Streamed;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Generation tokens are metered and shared fairly: usage is billed at what was generated, a hard
 * limit shortens a stream instead of breaking it, a client that leaves frees its slot and pays
 * nothing, and two tenants streaming at once both progress.
 */
@ExtendWith(VertxExtension.class)
final class GenerationMeteringApiTest {
  private static TestServer server;
  private static ApiClient api;
  private static GenerationClient generation;
  private static String operator;
  private static WebClient raw;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.withCatalog(STORIES_ONLY, Map.of());
    api = new ApiClient(vertx, server.port());
    generation = new GenerationClient(vertx, server.port());
    operator = api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
    raw = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static SignedUpTenant tenant(String name) {
    return api.signupWithKey(name, "metering.test");
  }

  private static long usage(SignedUpTenant t, String meter) {
    JsonArray rows =
        api.get("/api/usage?groupBy=meter", t.owner()).bodyAsJsonObject().getJsonArray("data");
    return rows.stream()
        .map(JsonObject.class::cast)
        .filter(r -> r.getString("meter").equals(meter))
        .mapToLong(r -> r.getLong("quantity"))
        .sum();
  }

  private static JsonObject streamed(JsonObject body) {
    return body.copy()
        .put("stream", true)
        .put("stream_options", new JsonObject().put("include_usage", true));
  }

  private static JsonObject usageOf(Streamed s) {
    return s.chunks().getLast().getJsonObject("usage");
  }

  @Test
  void promptAndCompletionTokensAndComputeAreBilledAtWhatWasGenerated() {
    SignedUpTenant t = tenant("Billed Co");
    HttpResponse<Buffer> whole =
        generation.post(GenerationClient.CHAT, t.key(), chat("Tell me about a bird.", 8));
    assertThat(whole.statusCode()).as(whole.bodyAsString()).isEqualTo(200);
    JsonObject wholeUsage = whole.bodyAsJsonObject().getJsonObject("usage");
    Streamed s =
        generation.stream(
            GenerationClient.COMPLETIONS,
            t.key(),
            streamed(new JsonObject().put("prompt", "Once upon a time").put("max_tokens", 6)));
    JsonObject streamUsage = usageOf(s);
    assertThat(usage(t, "generation_input_tokens"))
        .isEqualTo(wholeUsage.getLong("prompt_tokens") + streamUsage.getLong("prompt_tokens"));
    assertThat(usage(t, "generation_output_tokens"))
        .isEqualTo(
            wholeUsage.getLong("completion_tokens") + streamUsage.getLong("completion_tokens"));
    assertThat(usage(t, "compute_ms.cpu")).isPositive();
    assertThat(usage(t, "requests")).isEqualTo(2);
    assertThat(api.get("/metrics", operator).bodyAsString())
        .contains("atrium_generation_tokens_total")
        .contains("kind=\"completion\"");
  }

  @Test
  void anIdempotentCompletionIsReplayedAndAStreamedOneIsNotAndEachBillsOnce() {
    SignedUpTenant t = tenant("Retried Co");
    HttpResponse<Buffer> first = withKey(GenerationClient.CHAT, t, "chat-1", chat("A cat.", 6));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> retry = withKey(GenerationClient.CHAT, t, "chat-1", chat("A cat.", 6));
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    long completion = first.bodyAsJsonObject().getJsonObject("usage").getLong("completion_tokens");

    JsonObject stream =
        streamed(new JsonObject().put("prompt", "Once upon a time").put("max_tokens", 4));
    HttpResponse<Buffer> streamedOnce =
        withKey(GenerationClient.COMPLETIONS, t, "stream-1", stream);
    assertThat(streamedOnce.getHeader("Content-Type")).startsWith("text/event-stream");
    assertThat(streamedOnce.bodyAsString()).contains("[DONE]");
    assertProblem(
        withKey(GenerationClient.COMPLETIONS, t, "stream-1", stream), 409, "stream_not_replayable");

    assertThat(usage(t, "requests")).isEqualTo(2);
    assertThat(usage(t, "generation_output_tokens")).isGreaterThan(completion);
    long billed = usage(t, "generation_output_tokens");
    withKey(GenerationClient.CHAT, t, "chat-1", chat("A cat.", 6));
    assertThat(usage(t, "generation_output_tokens")).isEqualTo(billed);
  }

  private static HttpResponse<Buffer> withKey(
      String path, SignedUpTenant t, String idempotencyKey, JsonObject body) {
    return raw.post(server.port(), "127.0.0.1", path)
        .bearerTokenAuthentication(t.key())
        .putHeader("Idempotency-Key", idempotencyKey)
        .sendJsonObject(body)
        .await();
  }

  @Test
  void aHardLimitReachedMidStreamEndsItCleanlyAndBillsExactlyWhatWasStreamed() {
    JsonObject plan =
        new JsonObject()
            .put("id", "gen-capped")
            .put("name", "Capped generation")
            .put("monthlyFee", "0.00")
            .put(
                "rateLimits",
                new JsonObject()
                    .put("keyRequestsPerMinute", 600)
                    .put("tenantRequestsPerMinute", 600)
                    .put("keyTokensPerMinute", 100000)
                    .put("tenantTokensPerMinute", 100000))
            .put("maxConcurrency", 4)
            .put("poolWeight", 1)
            .put("allowedPlugins", new JsonArray().add("*"))
            .put(
                "meters",
                new JsonObject()
                    .put(
                        "generation_output_tokens",
                        new JsonObject()
                            .put("included", 0)
                            .put("hardLimit", 15)
                            .put(
                                "tiers",
                                new JsonArray()
                                    .add(
                                        new JsonObject()
                                            .put("firstUnit", 0)
                                            .put("unitPrice", "0.001")))));
    HttpResponse<Buffer> created = api.post("/api/admin/plans", operator, plan);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    SignedUpTenant t = tenant("Capped Co");
    HttpResponse<Buffer> subscribed =
        api.send(
            HttpMethod.PUT,
            "/api/admin/tenants/" + t.id() + "/subscription",
            operator,
            "application/json",
            new JsonObject().put("plan", "gen-capped").toBuffer());
    assertThat(subscribed.statusCode()).as(subscribed.bodyAsString()).isEqualTo(200);

    Streamed s =
        generation.stream(
            GenerationClient.CHAT,
            t.key(),
            streamed(chat("Once upon a time", 50).put("logit_bias", NO_END)));
    assertThat(s.status()).isEqualTo(200);
    assertThat(s.events().getLast().done()).as(s.body()).isTrue();
    assertThat(s.finishReason()).isEqualTo("length");
    assertThat(s.text()).isNotEmpty();
    assertThat(usageOf(s).getInteger("completion_tokens")).isEqualTo(15);
    long contentChunks =
        s.chunks().stream()
            .filter(c -> !c.getJsonArray("choices").isEmpty())
            .map(c -> c.getJsonArray("choices").getJsonObject(0).getJsonObject("delta"))
            .filter(d -> !d.getString("content", "").isEmpty())
            .count();
    assertThat(contentChunks).isBetween(1L, 15L);
    assertThat(usage(t, "generation_output_tokens")).isEqualTo(15);

    JsonObject refused =
        assertProblem(
            generation.post(GenerationClient.CHAT, t.key(), chat("Once upon a time", 5)),
            402,
            "quota_exceeded");
    assertThat(refused.getJsonObject("error").getString("message"))
        .contains("generation_output_tokens");
    assertThat(usage(t, "generation_output_tokens")).isEqualTo(15);
  }

  @Test
  void aClientThatLeavesMidStreamFreesItsSlotAtOnceAndIsBilledNothing() throws Exception {
    SignedUpTenant t = tenant("Leaving Co");
    generation.abandonAfterFirstEvent(
        GenerationClient.CHAT,
        t.key(),
        chat("Once upon a time", 2000).put("logit_bias", NO_END).put("stream", true));
    long closed = System.nanoTime();
    // Uncancelled, 2000 tokens would keep the slot for seconds; cancelled, it frees within a token.
    long freedMillis = waitUntilNothingRuns(2_000);
    assertThat(freedMillis).as("slot freed after the disconnect").isLessThan(1_000);
    HttpResponse<Buffer> next =
        generation.post(GenerationClient.CHAT, t.key(), chat("Once upon a time", 4));
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed)).isLessThan(2_000);
    long answered = next.bodyAsJsonObject().getJsonObject("usage").getLong("completion_tokens");
    assertThat(usage(t, "generation_output_tokens"))
        .as("only the answered request is billed")
        .isEqualTo(answered);
    assertThat(usage(t, "requests")).isEqualTo(1);
  }

  /** Polls the operator's pool view until the generation model has nothing in flight. */
  private static long waitUntilNothingRuns(long limitMillis) throws InterruptedException {
    long start = System.nanoTime();
    while (true) {
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      JsonObject pool =
          api.get("/api/admin/pool", operator).bodyAsJsonObject().getJsonArray("pools").stream()
              .map(JsonObject.class::cast)
              .filter(p -> p.getString("model").equals(MODEL))
              .findFirst()
              .orElseThrow();
      if (pool.getInteger("inFlight") == 0 || elapsed > limitMillis) {
        return elapsed;
      }
      Thread.sleep(10);
    }
  }

  @Test
  void twoTenantsStreamingAtOnceBothProgress() {
    SignedUpTenant a = tenant("Alpha Stories");
    SignedUpTenant b = tenant("Beta Stories");
    JsonObject body = chat("Once upon a time", 120).put("logit_bias", NO_END).put("stream", true);
    Future<Streamed> first = generation.streamAsync(GenerationClient.CHAT, a.key(), body);
    Future<Streamed> second = generation.streamAsync(GenerationClient.CHAT, b.key(), body);
    Future.all(first, second).await();
    List<Event> alpha = first.result().events();
    List<Event> beta = second.result().events();
    long overlapStart = Math.max(alpha.getFirst().arrivedNanos(), beta.getFirst().arrivedNanos());
    long overlapEnd = Math.min(alpha.getLast().arrivedNanos(), beta.getLast().arrivedNanos());
    assertThat(overlapEnd).as("the two streams ran at the same time").isGreaterThan(overlapStart);
    assertThat(arrivedBetween(alpha, overlapStart, overlapEnd)).isGreaterThan(10);
    assertThat(arrivedBetween(beta, overlapStart, overlapEnd)).isGreaterThan(10);
    assertThat(first.result().finishReason()).isEqualTo("length");
    assertThat(second.result().finishReason()).isEqualTo("length");
  }

  private static long arrivedBetween(List<Event> events, long from, long to) {
    return events.stream().filter(e -> e.arrivedNanos() >= from && e.arrivedNanos() <= to).count();
  }
}
