package dev.atrium.inference.http;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Overload never hangs: a full pool answers 503, a tenant over its share 429, both with
 * Retry-After.
 */
@ExtendWith(VertxExtension.class)
final class PoolOverloadApiTest {
  /** Only the English model, one worker, a queue of two jobs: easy to fill. */
  private static final String TINY_POOL =
      """
      {"bundled_models": true,
       "default_embedding_models": {"en": "all-minilm-l6-v2", "zh": "bge-small-zh-v15"},
       "defaults": {"job_queue_size": 2, "max_workers": 1, "batch_size": 64, "max_batch_delay": 1}}
      """;

  @Test
  void fullPoolAnswers503AndATenantOverItsShare429(Vertx vertx) {
    try (TestServer server = TestServer.withCatalog(TINY_POOL, Map.of())) {
      ApiClient api = new ApiClient(vertx, server.port());
      WebClient client =
          WebClient.create(
              vertx,
              new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port()),
              new PoolOptions().setHttp1MaxSize(64));
      String a = key(api, "flood-a@example.com");
      String b = key(api, "flood-b@example.com");

      List<HttpResponse<Buffer>> alone = flood(client, List.of(a), 24);
      assertThat(statuses(alone)).contains(200, 503).allMatch(s -> s == 200 || s == 503);
      alone.stream()
          .filter(r -> r.statusCode() == 503)
          .forEach(PoolOverloadApiTest::assertRetryable);

      List<HttpResponse<Buffer>> both = flood(client, List.of(a, b), 24);
      assertThat(statuses(both)).contains(200).allMatch(s -> s == 200 || s == 429 || s == 503);
      assertThat(statuses(both)).containsAnyOf(429, 503);
      both.stream()
          .filter(r -> r.statusCode() != 200)
          .forEach(PoolOverloadApiTest::assertRetryable);
      // Once the flood is over, the pool serves again.
      assertThat(
              client
                  .post("/v1/embeddings")
                  .bearerTokenAuthentication(a)
                  .sendJsonObject(new JsonObject().put("input", "after"))
                  .await()
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void aRequestPastItsDeadlineIsAnswered504(Vertx vertx) {
    try (TestServer server =
        TestServer.withCatalog(TINY_POOL, Map.of("embeddings.timeout-ms", "0"))) {
      ApiClient api = new ApiClient(vertx, server.port());
      HttpResponse<Buffer> r =
          WebClient.create(
                  vertx,
                  new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port()))
              .post("/v1/embeddings")
              .bearerTokenAuthentication(key(api, "late@example.com"))
              .sendJsonObject(new JsonObject().put("input", "too late"))
              .await();
      assertProblem(r, 504, "deadline_exceeded");
    }
  }

  private static void assertRetryable(HttpResponse<Buffer> r) {
    assertThat(Integer.parseInt(r.getHeader("Retry-After"))).isBetween(1, 60);
    assertThat(r.bodyAsJsonObject().getString("code")).isIn("pool_full", "tenant_over_share");
  }

  private static List<HttpResponse<Buffer>> flood(WebClient client, List<String> keys, int perKey) {
    JsonArray heavy = new JsonArray();
    for (int i = 0; i < 64; i++) {
      heavy.add(
          "Sentence number "
              + i
              + " keeps the single worker of this pool busy for a while, on purpose.");
    }
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < perKey; i++) {
      for (String key : keys) {
        calls.add(
            client
                .post("/v1/embeddings")
                .bearerTokenAuthentication(key)
                .sendJsonObject(new JsonObject().put("input", heavy)));
      }
    }
    return Future.all(calls).await().list();
  }

  private static List<Integer> statuses(List<HttpResponse<Buffer>> responses) {
    return responses.stream().map(HttpResponse::statusCode).toList();
  }

  /** A key of a new Enterprise tenant, whose plan limits let the flood reach the pool. */
  private static String key(ApiClient api, String email) {
    String owner = api.signup("Tenant " + email, email);
    api.send(
        HttpMethod.PUT,
        "/api/subscription",
        owner,
        "application/json",
        Buffer.buffer(new JsonObject().put("plan", "enterprise").encode()));
    return api.createKey(owner, new JsonObject().put("name", "k")).getString("key");
  }
}
