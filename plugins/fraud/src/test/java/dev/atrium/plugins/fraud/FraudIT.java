package dev.atrium.plugins.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.AtriumServer;
import dev.atrium.config.AtriumConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin as customers meet it: its archive installed by the operator into a real server, two
 * tenants scoring over HTTP, rules, alerts, metering and refusals.
 */
final class FraudIT {
  private static final String OPERATOR = "operator@fraud.test";
  private static final String PASSWORD = "operator password";
  private static final HttpClient http = HttpClient.newHttpClient();
  private static AtriumServer server;
  private static String base;
  private static String keyA;
  private static String keyB;
  private static String ownerA;

  @BeforeAll
  static void start() throws Exception {
    server =
        AtriumServer.start(
            AtriumConfig.of(
                Map.of(
                    "profile",
                    "prod",
                    "http.host",
                    "127.0.0.1",
                    "http.port",
                    "0",
                    "data.dir",
                    Files.createTempDirectory("fraud-it").toString(),
                    "operator.email",
                    OPERATOR,
                    "operator.password",
                    PASSWORD)));
    base = "http://127.0.0.1:" + server.port();
    String operator =
        json(
                "POST",
                "/api/auth/login",
                null,
                new JsonObject().put("email", OPERATOR).put("password", PASSWORD))
            .getString("token");
    Path archive;
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      archive = files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
    }
    HttpResponse<String> installed =
        send(
            "POST", "/api/admin/plugins", operator, "application/zip", Files.readAllBytes(archive));
    assertThat(installed.statusCode()).as(installed.body()).isBetween(200, 201);
    ownerA = owner("a@fraud.test");
    keyA = key(ownerA);
    keyB = key(owner("b@fraud.test"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonObject txn(String id, String account, double amount) {
    return new JsonObject()
        .put("id", id)
        .put("amount", amount)
        .put("currency", "CNY")
        .put("timestamp", Instant.now().minusSeconds(5).toString())
        .put("account", account)
        .put("merchant", "商户-1")
        .put("channel", "mobile")
        .put("device", "phone-" + account)
        .put("ip", "203.0.113.7")
        .put("country", "CN");
  }

  @Test
  void singleAndBatchScoringOverHttpWithReasonsAndMetering() throws Exception {
    JsonObject one = json("POST", "/v1/fraud/score", keyA, txn("h1", "acct-1", 88.5));
    assertThat(one.getString("decision")).isEqualTo("allow");
    assertThat(one.getString("source")).isEqualTo("unsupervised");
    JsonArray batch = new JsonArray();
    for (int i = 2; i <= 6; i++) {
      batch.add(txn("h" + i, "acct-1", 3));
    }
    JsonArray scored =
        json("POST", "/v1/fraud/score/batch", keyA, new JsonObject().put("transactions", batch))
            .getJsonArray("data");
    assertThat(scored).hasSize(5);
    JsonObject last = scored.getJsonObject(4);
    assertThat(last.getJsonObject("features").getDouble("acct_count_1m")).isEqualTo(6.0);
    assertThat(last.getJsonArray("reasons").getJsonObject(0).getString("feature"))
        .isEqualTo("acct_count_1m");
    assertThat(last.getJsonArray("reasons").getJsonObject(0).getString("zh")).contains("一分钟内交易次数多");
    assertThat(last.getString("decision")).isNotEqualTo("allow");
    assertThat(scoredUsage(ownerA)).isEqualTo(6);

    // A retry with the same Idempotency-Key bills once; a refused payment bills nothing.
    byte[] retried = txn("h7", "acct-1", 12).encode().getBytes(StandardCharsets.UTF_8);
    for (int attempt = 0; attempt < 2; attempt++) {
      HttpResponse<String> response =
          send("POST", "/v1/fraud/score", keyA, "application/json", retried, "retry-h7");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
    assertProblem(
        post(keyA, "/v1/fraud/score", txn("h8", "acct-1", 12).put("amount", -1)),
        400,
        "invalid_amount");
    assertThat(scoredUsage(ownerA)).isEqualTo(7);
    assertThat(send("GET", "/openapi.json", null, null, null).body())
        .contains("/v1/fraud/score/batch");
  }

  @Test
  void badInputIsRefusedWithProblems() throws Exception {
    assertProblem(
        send("POST", "/v1/fraud/score", keyA, "application/json", "{\"amount\": 1,".getBytes()),
        400,
        "malformed_json");
    assertProblem(
        post(keyA, "/v1/fraud/score", txn("b1", "acct-b", 5).put("currency", "ABC")),
        400,
        "invalid_currency");
    assertProblem(
        post(keyA, "/v1/fraud/score", txn("b2", "acct-b", 5).put("amount", "five")),
        400,
        "invalid_amount");
    JsonArray many = new JsonArray();
    for (int i = 0; i < 1001; i++) {
      many.add(txn("m" + i, "acct-m", 1));
    }
    assertProblem(
        post(keyA, "/v1/fraud/score/batch", new JsonObject().put("transactions", many)),
        413,
        "batch_too_large");
    assertProblem(
        send(
            "POST",
            "/v1/fraud/uploads",
            keyA,
            "text/csv",
            "amount,currency,account\n\"1,EUR,a\n".getBytes()),
        400,
        "malformed_csv");
    assertProblem(
        post(
            keyA,
            "/v1/fraud/rules",
            new JsonObject()
                .put("name", "r")
                .put("expression", "features.velocity > 3")
                .put("action", "block")),
        400,
        "unknown_rule_field");
  }

  @Test
  void aTenantsRulesAndAlertsStayItsOwn() throws Exception {
    json("POST", "/v1/fraud/score", keyB, txn("small", "acct-9", 20));
    json("POST", "/v1/fraud/score", keyB, txn("large", "acct-8", 15000));
    JsonObject rule =
        json(
            "POST",
            "/v1/fraud/rules",
            keyB,
            new JsonObject()
                .put("name", "大额")
                .put("expression", "txn.amount > 10000")
                .put("action", "block"));
    // The backtest read the tenant's log back from the server's database.
    assertThat(rule.getJsonObject("backtest").getLong("evaluated")).isEqualTo(2L);
    assertThat(rule.getJsonObject("backtest").getLong("hits")).isEqualTo(1L);
    json("POST", "/v1/fraud/rules/" + rule.getString("id") + "/enable", keyB, new JsonObject());
    assertThat(
            json("POST", "/v1/fraud/score", keyB, txn("big", "acct-9", 20000))
                .getString("decision"))
        .isEqualTo("block");
    assertThat(
            json("POST", "/v1/fraud/score", keyA, txn("big", "acct-9", 20000))
                .getJsonArray("rules"))
        .isEmpty();
    assertThat(json("GET", "/v1/fraud/alerts/big", keyB, null).getString("decision"))
        .isEqualTo("block");
    assertThat(json("GET", "/v1/fraud/rules", keyA, null).getJsonArray("data").encode())
        .doesNotContain("大额");
    assertThat(
            send(
                    "POST",
                    "/v1/fraud/rules/" + rule.getString("id") + "/enable",
                    keyA,
                    "application/json",
                    "{}".getBytes())
                .statusCode())
        .isEqualTo(404);
  }

  /** The tenant's transactions_scored this month, as its usage API reports them. */
  private static long scoredUsage(String owner) throws Exception {
    JsonArray rows =
        new JsonObject(send("GET", "/api/usage?groupBy=meter", owner, null, null).body())
            .getJsonArray("data");
    return rows.stream()
        .map(JsonObject.class::cast)
        .filter(row -> row.getString("meter").equals("fraud.transactions_scored"))
        .mapToLong(row -> row.getLong("quantity"))
        .sum();
  }

  private static HttpResponse<String> post(String key, String path, JsonObject body)
      throws Exception {
    return send(
        "POST", path, key, "application/json", body.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static void assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(new JsonObject(response.body()).getString("code")).isEqualTo(code);
  }

  /** The owner's token of a new tenant on the enterprise plan. */
  private static String owner(String email) throws Exception {
    String owner =
        json(
                "POST",
                "/api/auth/signup",
                null,
                new JsonObject()
                    .put("tenant", "Tenant " + email)
                    .put("email", email)
                    .put("password", "tenant password"))
            .getString("token");
    send(
        "PUT",
        "/api/subscription",
        owner,
        "application/json",
        new JsonObject().put("plan", "enterprise").encode().getBytes());
    return owner;
  }

  /** Enables the plugin for the owner's tenant and answers a new API key. */
  private static String key(String owner) throws Exception {
    HttpResponse<String> enabled =
        send(
            "PUT",
            "/api/plugins/fraud",
            owner,
            "application/json",
            new JsonObject().put("enabled", true).encode().getBytes());
    assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
    return json("POST", "/api/keys", owner, new JsonObject().put("name", "k")).getString("key");
  }

  private static JsonObject json(String method, String path, String bearer, JsonObject body)
      throws Exception {
    HttpResponse<String> response =
        send(
            method,
            path,
            bearer,
            body == null ? null : "application/json",
            body == null ? null : body.encode().getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isLessThan(300);
    return new JsonObject(response.body());
  }

  private static HttpResponse<String> send(
      String method, String path, String bearer, String type, byte[] body) throws Exception {
    return send(method, path, bearer, type, body, null);
  }

  private static HttpResponse<String> send(
      String method, String path, String bearer, String type, byte[] body, String idempotencyKey)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (type != null) {
      request.header("Content-Type", type);
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
