package dev.atrium.billing.http;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.ApiClient.SignedUpTenant;
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
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The request log and the usage report in money, on a real server with the probe plugin loaded from
 * its archive: every response names its request in {@code X-Request-Id} and every problem in {@code
 * requestId}, which finds the request's log line (and nothing for another tenant); a plugin call's
 * line has its route template, tokens and cost, and its usage is under the calling key.
 */
@ExtendWith(VertxExtension.class)
final class RequestLogApiTest {
  private static final String PRICED = "priced-log";
  private static final BigDecimal REQUEST_PRICE = new BigDecimal("0.01");
  private static final BigDecimal TOKEN_PRICE = new BigDecimal("0.000001");

  private static TestServer server;
  private static ApiClient api;
  private static WebClient client;
  private static String operator;

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
    operator = api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
    HttpResponse<Buffer> created =
        api.post(
            "/api/admin/plans",
            operator,
            TestPlans.priced(
                PRICED,
                Map.of(
                    "requests",
                    REQUEST_PRICE.toPlainString(),
                    "embedding_tokens",
                    TOKEN_PRICE.toPlainString())));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyResponseNamesItsRequestAndAProblemsRequestIdFindsItsLogLine() {
    SignedUpTenant t = tenant("Logged Co");
    HttpResponse<Buffer> dashboard = api.get("/api/keys", t.owner());
    assertThat(UUID.fromString(dashboard.getHeader("X-Request-Id")).version()).isEqualTo(7);
    JsonObject unknown =
        assertProblem(api.get("/api/no-such-route", t.owner()), 404, "route_not_found");
    assertThat(unknown.getString("requestId")).isNotBlank();

    HttpResponse<Buffer> bad =
        call(t.key(), HttpMethod.POST, "/v1/embeddings", Buffer.buffer("{\"input\": "));
    JsonObject problem = assertProblem(bad, 400, "malformed_json");
    String requestId = problem.getString("requestId");
    assertThat(requestId).isEqualTo(bad.getHeader("X-Request-Id"));

    JsonArray found = logs(t.owner(), "requestId=" + requestId);
    assertThat(found).hasSize(1);
    JsonObject line = found.getJsonObject(0);
    assertThat(line.getString("requestId")).isEqualTo(requestId);
    assertThat(line.getString("route")).isEqualTo("/v1/embeddings");
    assertThat(line.getString("method")).isEqualTo("POST");
    assertThat(line.getInteger("status")).isEqualTo(400);
    assertThat(line.getString("errorCode")).isEqualTo("malformed_json");
    assertThat(line.getString("keyId")).isEqualTo(keyId(t));
    assertThat(line.getLong("tokens")).isZero();
    assertThat(new BigDecimal(line.getString("cost"))).isZero();
    assertThat(line.getDouble("latencyMs")).isNotNegative();

    SignedUpTenant other = tenant("Nosy Co");
    assertThat(logs(other.owner(), "requestId=" + requestId)).isEmpty();
    assertThat(logs(other.owner(), "")).isEmpty();
  }

  @Test
  void aPluginCallIsLoggedWithItsTemplateTokensAndCostAndBilledToTheCallingKey() {
    SignedUpTenant t = tenant("Plugin Log Co");
    subscribe(t);
    HttpResponse<Buffer> answered =
        call(
            t.key(),
            HttpMethod.POST,
            "/v1/probe/embed",
            new JsonObject()
                .put("texts", new JsonArray(List.of("Where is my parcel?", "包裹在哪里？")))
                .toBuffer());
    assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(200);
    assertThat(answered.bodyAsJsonObject().getLong("tokens")).isPositive();
    // The line holds what the request was billed: the usage report's tokens and their list price.
    JsonObject byMeter = usage(t.owner(), "meter");
    long tokens = row(byMeter, "embedding_tokens").getLong("quantity");
    assertThat(tokens).isPositive();

    JsonArray lines = logs(t.owner(), "requestId=" + answered.getHeader("X-Request-Id"));
    JsonObject line = lines.getJsonObject(0);
    assertThat(line.getString("route")).isEqualTo("/v1/probe/embed");
    assertThat(line.getInteger("status")).isEqualTo(200);
    assertThat(line.getLong("tokens")).isEqualTo(tokens);
    assertThat(new BigDecimal(line.getString("cost")))
        .isEqualByComparingTo(REQUEST_PRICE.add(TOKEN_PRICE.multiply(BigDecimal.valueOf(tokens))));

    String keyId = keyId(t);
    JsonArray byKey = usage(t.owner(), "key").getJsonArray("data");
    assertThat(byKey.stream().map(JsonObject.class::cast))
        .as("every unit of the plugin call is under the key that called it")
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.getString("key")).isEqualTo(keyId))
        .anySatisfy(r -> assertThat(r.getString("meter")).isEqualTo("probe.probe_calls"))
        .anySatisfy(r -> assertThat(r.getString("meter")).isEqualTo("embedding_tokens"));

    assertThat(byMeter.getString("currency")).isEqualTo("USD");
    assertThat(byMeter.getString("plan")).isEqualTo(PRICED);
    JsonObject requests = row(byMeter, "requests");
    assertThat(requests.getString("unit")).isNotBlank();
    assertThat(new BigDecimal(requests.getString("cost"))).isEqualByComparingTo(REQUEST_PRICE);
    assertThat(new BigDecimal(row(byMeter, "embedding_tokens").getString("cost")))
        .isEqualByComparingTo(TOKEN_PRICE.multiply(BigDecimal.valueOf(tokens)));
    JsonObject meters = byMeter.getJsonObject("meters");
    assertThat(meters.getJsonObject("embedding_tokens").getString("unit")).isEqualTo("token");
    assertThat(new BigDecimal(meters.getJsonObject("embedding_tokens").getString("unitPrice")))
        .isEqualByComparingTo(TOKEN_PRICE);
    assertThat(meters.getJsonObject("probe.probe_calls").getString("pluginId")).isEqualTo("probe");
    assertThat(meters.getJsonObject("probe.probe_calls").getString("description")).isNotBlank();
    assertThat(new BigDecimal(byMeter.getString("totalCost")))
        .isEqualByComparingTo(REQUEST_PRICE.add(TOKEN_PRICE.multiply(BigDecimal.valueOf(tokens))));
  }

  @Test
  void theLogFiltersByStatusClassAndRouteAndPagesAndRefusesBadParameters() {
    SignedUpTenant t = tenant("Filter Co");
    for (int i = 0; i < 3; i++) {
      assertThat(call(t.key(), HttpMethod.GET, "/v1/me", null).statusCode()).isEqualTo(200);
    }
    assertProblem(
        call(t.key(), HttpMethod.POST, "/v1/embeddings", new JsonObject().toBuffer()),
        400,
        "invalid_field");

    assertThat(logs(t.owner(), "status=2xx")).hasSize(3);
    JsonArray failed = logs(t.owner(), "status=4xx");
    assertThat(failed).hasSize(1);
    assertThat(failed.getJsonObject(0).getString("route")).isEqualTo("/v1/embeddings");
    assertThat(logs(t.owner(), "route=/v1/me")).hasSize(3);
    assertThat(logs(t.owner(), "keyId=" + keyId(t) + "&status=5xx")).isEmpty();

    JsonObject first = api.get("/api/request-logs?limit=3", t.owner()).bodyAsJsonObject();
    assertThat(first.getJsonArray("data")).hasSize(3);
    String next = first.getString("next");
    assertThat(next).isNotNull();
    JsonObject second =
        api.get("/api/request-logs?limit=3&before=" + next, t.owner()).bodyAsJsonObject();
    assertThat(second.getJsonArray("data"))
        .hasSize(2); // of 5: four /v1/me (keyId() made one), one 404
    assertThat(second.getString("next")).isNull();

    for (String bad :
        List.of(
            "status=3xx",
            "limit=0",
            "limit=201",
            "limit=ten",
            "requestId=nope",
            "from=yesterday")) {
      JsonObject problem =
          assertProblem(api.get("/api/request-logs?" + bad, t.owner()), 400, "invalid_parameter");
      assertThat(problem.getString("requestId")).as(bad).isNotBlank();
    }
    assertProblem(api.get("/api/request-logs?colour=red", t.owner()), 400, "unknown_parameter");
  }

  private static SignedUpTenant tenant(String name) {
    SignedUpTenant t = api.signupWithKey(name, "request-log.test");
    HttpResponse<Buffer> enabled =
        api.send(
            HttpMethod.PUT,
            "/api/plugins/" + TestPlugins.PROBE,
            t.owner(),
            "application/json",
            new JsonObject().put("enabled", true).toBuffer());
    assertThat(enabled.statusCode()).as(enabled.bodyAsString()).isEqualTo(200);
    return t;
  }

  private static void subscribe(SignedUpTenant t) {
    HttpResponse<Buffer> r =
        api.send(
            HttpMethod.PUT,
            "/api/admin/tenants/" + t.id() + "/subscription",
            operator,
            "application/json",
            new JsonObject().put("plan", PRICED).toBuffer());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  private static String keyId(SignedUpTenant t) {
    return call(t.key(), HttpMethod.GET, "/v1/me", null).bodyAsJsonObject().getString("keyId");
  }

  private static HttpResponse<Buffer> call(
      String key, HttpMethod method, String path, Buffer body) {
    HttpRequest<Buffer> request = client.request(method, path).bearerTokenAuthentication(key);
    if (body == null) {
      return request.send().await();
    }
    return request.putHeader("Content-Type", "application/json").sendBuffer(body).await();
  }

  private static JsonArray logs(String owner, String query) {
    HttpResponse<Buffer> r = api.get("/api/request-logs?" + query, owner);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("data");
  }

  private static JsonObject usage(String owner, String groupBy) {
    HttpResponse<Buffer> r = api.get("/api/usage?groupBy=" + groupBy, owner);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static JsonObject row(JsonObject report, String meter) {
    return report.getJsonArray("data").stream()
        .map(JsonObject.class::cast)
        .filter(r -> r.getString("meter").equals(meter))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + meter + " in " + report.encode()));
  }
}
