package dev.atrium.inference.http;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.NotFoundException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.atrium.app.ApiClient;
import dev.atrium.app.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /v1/embeddings with the real bundled models, through Vert.x and through the OpenAI client. */
@ExtendWith(VertxExtension.class)
final class EmbeddingsApiTest {
  private static TestServer server;
  private static ApiClient api;
  private static WebClient client;
  private static String key;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.withCatalog("{}", Map.of());
    api = new ApiClient(vertx, server.port());
    client =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port()));
    key = newTenantKey("embed@example.com", new JsonArray().add("embeddings"));
  }

  /** A new tenant's API key holding {@code scopes}. */
  private static String newTenantKey(String email, JsonArray scopes) {
    String owner = api.signup("Tenant of " + email, email);
    return api.createKey(owner, new JsonObject().put("name", "k").put("scopes", scopes))
        .getString("key");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<Buffer> embed(JsonObject body) {
    return client
        .post("/v1/embeddings")
        .bearerTokenAuthentication(key)
        .sendJsonObject(body)
        .await();
  }

  private static JsonObject ok(JsonObject body) {
    HttpResponse<Buffer> r = embed(body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  @Test
  void answersInTheOpenAiShape() {
    JsonObject r =
        ok(
            new JsonObject()
                .put("input", new JsonArray().add("The cat sleeps.").add("A dog barks.")));
    assertThat(r.getString("object")).isEqualTo("list");
    assertThat(r.getString("model")).isEqualTo("all-minilm-l6-v2");
    assertThat(r.getJsonArray("data")).hasSize(2);
    JsonObject first = r.getJsonArray("data").getJsonObject(0);
    assertThat(first.getString("object")).isEqualTo("embedding");
    assertThat(first.getInteger("index")).isZero();
    assertThat(first.getJsonArray("embedding")).hasSize(384);
    JsonObject usage = r.getJsonObject("usage");
    assertThat(usage.getLong("prompt_tokens"))
        .isPositive()
        .isEqualTo(usage.getLong("total_tokens"));
    assertThat(usage.getString("device")).isEqualTo("cpu");
    assertThat(usage.getDouble("compute_ms")).isPositive();
  }

  @Test
  void paraphrasesScoreHigherThanUnrelatedTextInBothLanguages() {
    List<float[]> en =
        vectors(
            ok(
                new JsonObject()
                    .put(
                        "input",
                        new JsonArray()
                            .add("How do I reset my password?")
                            .add("I forgot my password and need to change it.")
                            .add("The weather in Paris is sunny today."))));
    assertThat(cosine(en.get(0), en.get(1))).isGreaterThan(cosine(en.get(0), en.get(2)) + 0.2);
    JsonObject zhResponse =
        ok(
            new JsonObject()
                .put(
                    "input", new JsonArray().add("我怎样重置密码？").add("我忘记了密码，需要修改。").add("今天巴黎天气晴朗。")));
    assertThat(zhResponse.getString("model")).isEqualTo("bge-small-zh-v15");
    List<float[]> zh = vectors(zhResponse);
    assertThat(zh.get(0)).hasSize(512);
    assertThat(cosine(zh.get(0), zh.get(1))).isGreaterThan(cosine(zh.get(0), zh.get(2)) + 0.1);
  }

  @Test
  void base64AndDimensionsFollowOpenAiConventions() {
    JsonObject floats = ok(new JsonObject().put("input", "hello world"));
    JsonObject encoded =
        ok(new JsonObject().put("input", "hello world").put("encoding_format", "base64"));
    float[] decoded = decode(encoded.getJsonArray("data").getJsonObject(0).getString("embedding"));
    assertThat(decoded).containsExactly(vectors(floats).get(0), offset(1e-6f));

    float[] shortened =
        vectors(ok(new JsonObject().put("input", "hello world").put("dimensions", 64))).get(0);
    assertThat(shortened).hasSize(64);
    assertThat(cosine(shortened, shortened)).isCloseTo(1.0, offset(1e-4));
  }

  @Test
  void anOpenAiClientWorksUnchanged() {
    OpenAIClient openai =
        OpenAIOkHttpClient.builder()
            .apiKey(key)
            .baseUrl("http://127.0.0.1:" + server.port() + "/v1")
            .maxRetries(0)
            .build();
    CreateEmbeddingResponse response =
        openai
            .embeddings()
            .create(
                EmbeddingCreateParams.builder()
                    .model("all-minilm-l6-v2")
                    .input("Where is my order?")
                    .build());
    assertThat(response.data()).hasSize(1);
    assertThat(response.data().get(0).embedding()).hasSize(384);
    assertThat(response.usage().promptTokens()).isPositive();
    assertThat(openai.models().list().data())
        .extracting(m -> m.id())
        .contains("all-minilm-l6-v2", "bge-small-zh-v15");
    assertThatThrownBy(
            () ->
                openai
                    .embeddings()
                    .create(
                        EmbeddingCreateParams.builder().model("no-such-model").input("x").build()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no-such-model");
  }

  @Test
  void badInputIsRefusedWithClearProblems() {
    assertProblem(embed(new JsonObject()), 400, "invalid_field");
    assertProblem(embed(new JsonObject().put("input", "")), 400, "invalid_field");
    assertProblem(embed(new JsonObject().put("input", new JsonArray())), 400, "invalid_field");
    assertProblem(embed(new JsonObject().put("input", 42)), 400, "invalid_field");
    assertProblem(
        embed(new JsonObject().put("input", new JsonArray().add("ok").add(7))),
        400,
        "unsupported_input");
    assertProblem(
        embed(new JsonObject().put("input", new JsonArray().add(new JsonArray().add(1).add(2)))),
        400,
        "unsupported_input");
    assertProblem(
        embed(new JsonObject().put("input", new JsonArray().add("ok").addNull())),
        400,
        "invalid_field");
    JsonArray many = new JsonArray();
    for (int i = 0; i < 257; i++) {
      many.add("text " + i);
    }
    assertProblem(embed(new JsonObject().put("input", many)), 400, "too_many_inputs");
    assertProblem(embed(new JsonObject().put("input", "x".repeat(32_769))), 400, "input_too_long");
    assertProblem(
        embed(new JsonObject().put("input", "hi").put("encoding_format", "int8")),
        400,
        "invalid_field");
    assertProblem(
        embed(new JsonObject().put("input", "hi").put("dimensions", 0)), 400, "invalid_field");
    assertProblem(
        embed(new JsonObject().put("input", "hi").put("dimensions", 4096)), 400, "invalid_field");
    assertProblem(
        embed(new JsonObject().put("input", "hi").put("temperature", 1)), 400, "unknown_field");
    JsonObject unknown =
        assertProblem(
            embed(new JsonObject().put("input", "hi").put("model", "gpt-9")),
            404,
            "model_not_found");
    assertThat(unknown.getJsonObject("error").getString("message")).contains("gpt-9");
  }

  @Test
  void tokensAndComputeAreMeteredForTheTenant() {
    String owner = api.signup("Metered Co", "metered@example.com");
    String metered = api.createKey(owner, new JsonObject().put("name", "m")).getString("key");
    JsonObject response =
        client
            .post("/v1/embeddings")
            .bearerTokenAuthentication(metered)
            .sendJsonObject(
                new JsonObject().put("input", new JsonArray().add("first text").add("second text")))
            .await()
            .bodyAsJsonObject();
    long tokens = response.getJsonObject("usage").getLong("prompt_tokens");
    // Listing the models is free: rate limited, never billed.
    assertThat(api.get("/v1/models", metered).statusCode()).isEqualTo(200);
    JsonArray usage =
        api.get("/api/usage?groupBy=meter", owner).bodyAsJsonObject().getJsonArray("data");
    JsonObject embedded =
        usage.stream()
            .map(JsonObject.class::cast)
            .filter(row -> row.getString("meter").equals("embedding_tokens"))
            .findFirst()
            .orElseThrow();
    assertThat(embedded.getLong("quantity")).isEqualTo(tokens);
    assertThat(usage.stream().map(JsonObject.class::cast).map(r -> r.getString("meter")))
        .contains("requests", "compute_ms.cpu");
    JsonObject requests =
        usage.stream()
            .map(JsonObject.class::cast)
            .filter(row -> row.getString("meter").equals("requests"))
            .findFirst()
            .orElseThrow();
    assertThat(requests.getLong("quantity")).isEqualTo(1);
  }

  @Test
  void refusedRequestsAreNeverBilledAndAReplayIsBilledOnce() {
    String owner = api.signup("Refused Co", "refused@example.com");
    String refused = api.createKey(owner, new JsonObject().put("name", "r")).getString("key");
    // The named model's vectors are shorter: refused before anything is computed.
    assertProblem(
        embedAs(
            refused,
            new JsonObject()
                .put("input", "hello")
                .put("model", "all-minilm-l6-v2")
                .put("dimensions", 385),
            null),
        400,
        "invalid_field");
    // English goes to the 384-dimension model; 500 fits only the Chinese one: computed, refused,
    // and neither its tokens nor its compute time billed.
    HttpResponse<Buffer> tooLong =
        embedAs(refused, new JsonObject().put("input", "hello").put("dimensions", 500), null);
    assertThat(assertProblem(tooLong, 400, "invalid_field").getString("detail"))
        .contains("all-minilm-l6-v2");
    assertThat(usage(owner)).as("nothing billed for refused requests").isEmpty();

    JsonObject body = new JsonObject().put("input", "bill me once");
    HttpResponse<Buffer> first = embedAs(refused, body, "embed-once");
    HttpResponse<Buffer> retry = embedAs(refused, body, "embed-once");
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    long tokens = first.bodyAsJsonObject().getJsonObject("usage").getLong("prompt_tokens");
    assertThat(usage(owner))
        .containsEntry("embedding_tokens", tokens)
        .containsEntry("requests", 1L)
        .containsKey("compute_ms.cpu");
  }

  private static HttpResponse<Buffer> embedAs(String apiKey, JsonObject body, String idempotency) {
    var request = client.post("/v1/embeddings").bearerTokenAuthentication(apiKey);
    if (idempotency != null) {
      request.putHeader("Idempotency-Key", idempotency);
    }
    return request.sendJsonObject(body).await();
  }

  /** The tenant's usage this month by meter, leaving out meters at zero. */
  private static Map<String, Long> usage(String owner) {
    Map<String, Long> byMeter = new TreeMap<>();
    api.get("/api/usage?groupBy=meter", owner).bodyAsJsonObject().getJsonArray("data").stream()
        .map(JsonObject.class::cast)
        .filter(r -> r.getLong("quantity") > 0)
        .forEach(r -> byMeter.merge(r.getString("meter"), r.getLong("quantity"), Long::sum));
    return byMeter;
  }

  @Test
  void aKeyWithoutTheEmbeddingsScopeIsForbidden() {
    String narrow = newTenantKey("narrow@example.com", new JsonArray().add("plugin:other"));
    HttpResponse<Buffer> r =
        client
            .post("/v1/embeddings")
            .bearerTokenAuthentication(narrow)
            .sendJsonObject(new JsonObject().put("input", "hi"))
            .await();
    assertProblem(r, 403, "insufficient_scope");
  }

  @Test
  void poolStateAndMetricsAreExposed() {
    ok(new JsonObject().put("input", "count me"));
    String operator = api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
    JsonObject pool =
        client
            .get("/api/admin/pool")
            .bearerTokenAuthentication(operator)
            .send()
            .await()
            .bodyAsJsonObject();
    assertThat(pool.getJsonArray("pools"))
        .extracting(p -> ((JsonObject) p).getString("model"))
        .contains("all-minilm-l6-v2", "bge-small-zh-v15");
    assertThat(client.get("/metrics").send().await().statusCode()).isEqualTo(401);
    String metrics =
        client.get("/metrics").bearerTokenAuthentication(operator).send().await().bodyAsString();
    // Tokens were counted, but not per tenant: tenant labels are off by default.
    assertThat(metrics)
        .contains("atrium_embedding_tokens_total")
        .contains("model=\"all-minilm-l6-v2\"")
        .doesNotContain("tenant=");
  }

  private static List<float[]> vectors(JsonObject response) {
    return response.getJsonArray("data").stream()
        .map(d -> ((JsonObject) d).getJsonArray("embedding"))
        .map(
            a -> {
              float[] v = new float[a.size()];
              for (int i = 0; i < v.length; i++) {
                v[i] = a.getFloat(i);
              }
              return v;
            })
        .toList();
  }

  private static float[] decode(String base64) {
    ByteBuffer bytes =
        ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[bytes.remaining() / 4];
    for (int i = 0; i < v.length; i++) {
      v[i] = bytes.getFloat();
    }
    return v;
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
