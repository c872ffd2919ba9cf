package dev.atrium.billing.http;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.ApiClient.SignedUpTenant;
import dev.atrium.app.TestServer;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Budget alerts on a real server whose periodic check runs every second, with a real HTTP server on
 * loopback as the tenant's webhook: crossing 50% of a budget raises one alert, shown to the tenant
 * only, and delivered signed with the secret shown once; the receiver's first answer is a 503, so
 * the alert is delivered on the retry and both attempts are in the delivery log.
 */
@ExtendWith(VertxExtension.class)
final class BudgetAlertApiTest {
  private static final String PLAN = "dollar-a-request";

  private record Received(MultiMap headers, String body) {}

  private static final List<Received> received = new CopyOnWriteArrayList<>();
  private static final AtomicInteger answered = new AtomicInteger();

  private static TestServer server;
  private static ApiClient api;
  private static String operator;
  private static HttpServer receiver;

  @BeforeAll
  static void start(Vertx vertx) {
    // The receiver is on loopback over http: allowed only because this server allows it.
    server =
        TestServer.start(
            Map.of(
                "budgets.check-interval-seconds",
                "1",
                "budgets.webhook-allow-private-networks",
                "true"));
    api = new ApiClient(vertx, server.port());
    operator = api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
    HttpResponse<Buffer> plan =
        api.post("/api/admin/plans", operator, TestPlans.priced(PLAN, Map.of("requests", "1.00")));
    assertThat(plan.statusCode()).as(plan.bodyAsString()).isEqualTo(201);
    receiver =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body -> {
                              received.add(new Received(request.headers(), body.toString()));
                              request
                                  .response()
                                  .setStatusCode(answered.getAndIncrement() == 0 ? 503 : 204)
                                  .end();
                            }))
            .listen(0, "127.0.0.1")
            .await();
  }

  @AfterAll
  static void stop() {
    receiver.close().await();
    server.close();
  }

  @Test
  void crossingAThresholdRaisesOneAlertDeliveredSignedWithRetries() throws Exception {
    SignedUpTenant t = api.signupWithKey("Budget Co", "budget.test");
    TestPlans.subscribe(api, operator, t.id(), PLAN);
    String hook = "http://127.0.0.1:" + receiver.actualPort() + "/hooks/atrium";
    JsonObject saved =
        put(
            t.owner(),
            new JsonObject()
                .put("monthlyAmount", "10.00")
                .put("thresholds", new JsonArray().add(100).add(50))
                .put("webhookUrl", hook));
    String secret = saved.getString("webhookSecret");
    assertThat(secret).startsWith("whsec_");
    assertThat(saved.getJsonObject("budget").getJsonArray("thresholds")).containsExactly(50, 100);
    assertThat(saved.getJsonArray("alerts")).isEmpty();

    for (int i = 0; i < 6; i++) {
      assertThat(me(t.key()).statusCode()).isEqualTo(200);
    }
    awaitUntil(() -> alerts(t.owner()).size() == 1);
    JsonObject alert = alerts(t.owner()).getJsonObject(0);
    assertThat(alert.getInteger("percent")).isEqualTo(50);
    assertThat(new BigDecimal(alert.getString("spent"))).isEqualByComparingTo("6.00");
    assertThat(alert.getString("currency")).isEqualTo("USD");

    awaitUntil(() -> received.size() >= 2);
    for (Received r : received) {
      JsonObject payload = new JsonObject(r.body());
      assertThat(payload.getString("type")).isEqualTo("budget.threshold_reached");
      assertThat(payload.getString("alertId")).isEqualTo(alert.getString("alertId"));
      assertThat(payload.getInteger("percent")).isEqualTo(50);
      assertThat(r.headers().get("Atrium-Event-Id")).isEqualTo(alert.getString("alertId"));
      assertThat(r.headers().get("Atrium-Signature")).isEqualTo(sign(secret, r));
    }
    awaitUntil(() -> deliveries(t.owner()).size() == 2);
    JsonArray deliveries = deliveries(t.owner());
    assertThat(deliveries.getJsonObject(0).getInteger("attempt")).isEqualTo(2);
    assertThat(deliveries.getJsonObject(0).getBoolean("delivered")).isTrue();
    assertThat(deliveries.getJsonObject(0).getInteger("status")).isEqualTo(204);
    assertThat(deliveries.getJsonObject(1).getBoolean("delivered")).isFalse();
    assertThat(deliveries.getJsonObject(1).getInteger("status")).isEqualTo(503);

    // The same webhook again: the secret stays and is not shown again; the alert is not raised
    // again.
    JsonObject again =
        put(
            t.owner(),
            new JsonObject()
                .put("monthlyAmount", "10.00")
                .put("thresholds", new JsonArray().add(50).add(100))
                .put("webhookUrl", hook));
    assertThat(again.containsKey("webhookSecret")).isFalse();
    assertThat(again.getJsonArray("alerts")).hasSize(1);

    SignedUpTenant other = api.signupWithKey("Other Budget Co", "budget.test");
    JsonObject theirs = api.get("/api/budget", other.owner()).bodyAsJsonObject();
    assertThat(theirs.getValue("budget")).isNull();
    assertThat(theirs.getJsonArray("alerts")).isEmpty();
    assertThat(theirs.getJsonArray("deliveries")).isEmpty();
    assertThat(alerts(other.owner())).isEmpty();
  }

  @Test
  void aBudgetIsRefusedWithAProblemForEachBadField() {
    SignedUpTenant t = api.signupWithKey("Strict Budget Co", "budget.test");
    for (JsonObject bad :
        List.of(
            new JsonObject().put("monthlyAmount", "0"),
            new JsonObject().put("monthlyAmount", "-5.00"),
            new JsonObject().put("monthlyAmount", "1.001"),
            new JsonObject().put("monthlyAmount", true),
            new JsonObject().put("monthlyAmount", "10").put("thresholds", new JsonArray()),
            new JsonObject().put("monthlyAmount", "10").put("thresholds", new JsonArray().add(0)),
            new JsonObject()
                .put("monthlyAmount", "10")
                .put("thresholds", new JsonArray().add(50).add(50)),
            new JsonObject().put("monthlyAmount", "10").put("thresholds", "50"),
            new JsonObject().put("monthlyAmount", "10").put("rotateSecret", "yes"))) {
      JsonObject problem = assertProblem(send(t.owner(), bad.toBuffer()), 400, "invalid_field");
      assertThat(problem.getString("requestId")).as(bad.encode()).isNotBlank();
    }
    for (String url : List.of("ftp://127.0.0.1/x", "file:///etc/passwd", "not a url", "https://")) {
      assertProblem(
          send(
              t.owner(),
              new JsonObject().put("monthlyAmount", "10").put("webhookUrl", url).toBuffer()),
          400,
          "invalid_webhook_url");
    }
    assertProblem(
        send(
            t.owner(), new JsonObject().put("monthlyAmount", "10").put("colour", "red").toBuffer()),
        400,
        "unknown_field");
    assertProblem(send(t.owner(), Buffer.buffer("{\"monthlyAmount\":")), 400, "malformed_json");
    assertThat(api.get("/api/budget", t.owner()).bodyAsJsonObject().getValue("budget")).isNull();

    JsonObject plain = put(t.owner(), new JsonObject().put("monthlyAmount", "25"));
    assertThat(plain.getJsonObject("budget").getJsonArray("thresholds"))
        .containsExactly(50, 80, 100);
    assertThat(plain.containsKey("webhookSecret")).isFalse();
    assertThat(api.delete("/api/budget", t.owner()).statusCode()).isEqualTo(204);
    assertThat(api.get("/api/budget", t.owner()).bodyAsJsonObject().getValue("budget")).isNull();
  }

  private static String sign(String secret, Received r) throws Exception {
    String header = r.headers().get("Atrium-Signature");
    String t = header.substring(2, header.indexOf(','));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String v1 =
        HexFormat.of()
            .formatHex(mac.doFinal((t + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
    return "t=" + t + ",v1=" + v1;
  }

  private static JsonObject put(String owner, JsonObject body) {
    HttpResponse<Buffer> r = send(owner, body.toBuffer());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> send(String owner, Buffer body) {
    return api.send(HttpMethod.PUT, "/api/budget", owner, "application/json", body);
  }

  private static JsonArray alerts(String owner) {
    return api.get("/api/budget/alerts", owner).bodyAsJsonObject().getJsonArray("data");
  }

  private static JsonArray deliveries(String owner) {
    return api.get("/api/budget", owner).bodyAsJsonObject().getJsonArray("deliveries");
  }

  private static HttpResponse<Buffer> me(String key) {
    return WebClient.create(server.server.vertx())
        .get(server.port(), "127.0.0.1", "/v1/me")
        .bearerTokenAuthentication(key)
        .send()
        .await();
  }

  private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - end).as("waited 30 s").isNegative();
      Thread.sleep(50);
    }
  }
}
