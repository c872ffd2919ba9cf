package dev.atrium.billing.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.TestServer;
import dev.atrium.host.TestPlugins;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one metering pipeline, on H2 and PostgreSQL, with the real embedding models and a plugin
 * loaded from its archive: after N calls of a metered route (the platform's and a plugin's), the
 * tenant's usage is exactly what those calls consumed, plugin-side embeddings included; a retry
 * with the same {@code Idempotency-Key} bills once; an error answer bills nothing.
 */
@ExtendWith(VertxExtension.class)
final class MeteringPipelineApiTest {
  private static final int N = 3;

  private static TestServer server;
  private static ApiClient api;
  private static WebClient client;

  @BeforeAll
  static void start(Vertx vertx) {
    Map<String, String> config = new HashMap<>(TestPlugins.probeInstalledAtStart());
    config.put("plugins.request-timeout-ms", "60000"); // embeddings on a loaded machine
    server = TestServer.withCatalog("{}", config);
    api = new ApiClient(vertx, server.port());
    client =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private record Tenant(String owner, String key) {}

  private static Tenant tenant(String name) {
    String owner = api.signup(name, name.toLowerCase().replace(' ', '-') + "@metering.test");
    String key = api.createKey(owner, new JsonObject().put("name", "k")).getString("key");
    HttpResponse<Buffer> enabled =
        api.send(
            HttpMethod.PUT,
            "/api/plugins/" + TestPlugins.PROBE,
            owner,
            "application/json",
            new JsonObject().put("enabled", true).toBuffer());
    assertThat(enabled.statusCode()).as(enabled.bodyAsString()).isEqualTo(200);
    return new Tenant(owner, key);
  }

  @Test
  void aPlainMeteredRouteBillsOneRequestPerCallAndARetryOnce() {
    Tenant t = tenant("Me Co");
    for (int i = 0; i < N; i++) {
      assertThat(call(t, HttpMethod.GET, "/v1/me", null, null).statusCode()).isEqualTo(200);
    }
    HttpResponse<Buffer> first = call(t, HttpMethod.GET, "/v1/me", null, "me-once");
    HttpResponse<Buffer> retry = call(t, HttpMethod.GET, "/v1/me", null, "me-once");
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.bodyAsString()).isEqualTo(first.bodyAsString());

    assertThat(usage(t)).isEqualTo(Map.of("requests", N + 1L));
  }

  @Test
  void embeddingsBillTheTokensEachCallComputedAndARetryOnce() {
    Tenant t = tenant("Embed Co");
    long tokens = 0;
    for (int i = 0; i < N; i++) {
      tokens += embedded(call(t, HttpMethod.POST, "/v1/embeddings", input("call " + i), null));
    }
    JsonObject once = input("the same request twice");
    tokens += embedded(call(t, HttpMethod.POST, "/v1/embeddings", once, "embed-once"));
    HttpResponse<Buffer> retry = call(t, HttpMethod.POST, "/v1/embeddings", once, "embed-once");
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");

    Map<String, Long> usage = usage(t);
    assertThat(usage).containsEntry("embedding_tokens", tokens).containsEntry("requests", N + 1L);
    assertThat(usage.get("compute_ms.cpu")).isPositive();
    assertThat(usage.keySet()).containsOnly("embedding_tokens", "requests", "compute_ms.cpu");
  }

  @Test
  void aPluginRouteBillsItsEmbeddingsOnceEachAndItsOwnMeterPerRequest() {
    Tenant t = tenant("Plugin Co");
    List<List<String>> calls =
        List.of(
            List.of("Where is my parcel?", "Where is my parcel?", "It left the depot today."),
            List.of("How do I return a kettle?", "Returns are free for 30 days."),
            List.of("退货需要多久？", "退款在七天内到账。"));
    long reported = 0;
    for (List<String> texts : calls) {
      HttpResponse<Buffer> r = call(t, HttpMethod.POST, "/v1/probe/embed", texts(texts), null);
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      JsonObject answer = r.bodyAsJsonObject();
      // its callbacks ran on the request's context, not on a pool thread
      assertThat(answer.getBoolean("onEventLoop")).isTrue();
      reported += answer.getLong("tokens");
    }
    // What the same distinct texts cost when embedded once each, by another tenant.
    Tenant other = tenant("Reference Co");
    long reference = 0;
    for (List<String> texts : calls) {
      reference +=
          embedded(
              call(
                  other,
                  HttpMethod.POST,
                  "/v1/embeddings",
                  new JsonObject().put("input", new JsonArray(texts.stream().distinct().toList())),
                  null));
    }

    Map<String, Long> usage = usage(t);
    assertThat(reported).isEqualTo(reference).isPositive();
    assertThat(usage)
        .containsEntry("embedding_tokens", reference)
        .containsEntry("requests", (long) calls.size())
        .containsEntry("probe.probe_calls", (long) calls.size());
    assertThat(usage.get("compute_ms.cpu")).isPositive();
  }

  @Test
  void aRetriedPluginCallBillsOnceAndAFailedOneNothing() {
    Tenant t = tenant("Retry Co");
    JsonObject body = texts(List.of("Bill this question once."));
    HttpResponse<Buffer> first = call(t, HttpMethod.POST, "/v1/probe/embed", body, "plugin-once");
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    Map<String, Long> once = usage(t);
    HttpResponse<Buffer> retry = call(t, HttpMethod.POST, "/v1/probe/embed", body, "plugin-once");
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    HttpResponse<Buffer> failed =
        call(
            t,
            HttpMethod.POST,
            "/v1/probe/embed",
            texts(List.of("Never billed.")).put("fail", true),
            null);
    assertThat(failed.statusCode()).isEqualTo(500);

    assertThat(usage(t)).isEqualTo(once);
    assertThat(once)
        .containsEntry("requests", 1L)
        .containsEntry("probe.probe_calls", 1L)
        .containsEntry("embedding_tokens", first.bodyAsJsonObject().getLong("tokens"));
  }

  @Test
  void aPluginCallIsAnsweredOnlyOnceTheUsageItRecordedWithoutWaitingIsPartOfIt() {
    // The route records a meter no other test uses, so the first call declares it (a database
    // write) while the plugin has already answered: the answer waits for that record.
    Tenant t = tenant("Count Co");
    for (int i = 0; i < N; i++) {
      HttpResponse<Buffer> r = call(t, HttpMethod.POST, "/v1/probe/count", new JsonObject(), null);
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    }
    assertThat(usage(t))
        .containsEntry("requests", (long) N)
        .containsEntry("probe.probe_counts", (long) N);
  }

  private static JsonObject input(String text) {
    return new JsonObject().put("input", text);
  }

  private static JsonObject texts(List<String> texts) {
    return new JsonObject().put("texts", new JsonArray(texts));
  }

  private static long embedded(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonObject("usage").getLong("prompt_tokens");
  }

  private static HttpResponse<Buffer> call(
      Tenant t, HttpMethod method, String path, JsonObject body, String idempotencyKey) {
    HttpRequest<Buffer> request = client.request(method, path).bearerTokenAuthentication(t.key());
    if (idempotencyKey != null) {
      request.putHeader("Idempotency-Key", idempotencyKey);
    }
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  /** The tenant's usage this month by meter, leaving out meters at zero. */
  private static Map<String, Long> usage(Tenant t) {
    Map<String, Long> byMeter = new TreeMap<>();
    api.get("/api/usage?groupBy=meter", t.owner()).bodyAsJsonObject().getJsonArray("data").stream()
        .map(JsonObject.class::cast)
        .filter(r -> r.getLong("quantity") > 0)
        .forEach(r -> byMeter.merge(r.getString("meter"), r.getLong("quantity"), Long::sum));
    return byMeter;
  }
}
