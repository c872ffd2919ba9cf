package dev.atrium.billing.http;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.TenantTeam;
import dev.atrium.app.TestServer;
import dev.atrium.persistence.billing.Budget;
import dev.atrium.persistence.billing.BudgetRepository;
import dev.atrium.shared.Role;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Budget alerts on a server with the default webhook policy (public https addresses only): internal
 * addresses are refused with 400 {@code invalid_webhook_url} when saved, and a webhook that points
 * at loopback by the time an alert is sent (here written straight to the database, as a name that
 * now resolves there would) is refused without a request; and the notice of an alert is dismissed
 * until a higher threshold is crossed, by an admin of the tenant only.
 */
@ExtendWith(VertxExtension.class)
final class BudgetWebhookSafetyApiTest {
  private static final String PLAN = "dollar-a-request";

  private static TestServer server;
  private static ApiClient api;
  private static String operator;
  private static HttpServer receiver;
  private static final AtomicInteger received = new AtomicInteger();

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(Map.of("budgets.check-interval-seconds", "1"));
    api = new ApiClient(vertx, server.port());
    operator = api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
    HttpResponse<Buffer> plan =
        api.post("/api/admin/plans", operator, TestPlans.priced(PLAN, Map.of("requests", "1.00")));
    assertThat(plan.statusCode()).as(plan.bodyAsString()).isEqualTo(201);
    receiver =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  received.incrementAndGet();
                  request.response().setStatusCode(204).end();
                })
            .listen(0, "127.0.0.1")
            .await();
  }

  @AfterAll
  static void stop() {
    receiver.close().await();
    server.close();
  }

  @Test
  void internalWebhookAddressesAreRefusedWithTheirReason() {
    TenantTeam t = TenantTeam.signUp(api, "Careful Budget Co", "careful-budget.test");
    Map<String, String> refused =
        Map.of(
            "http://93.184.215.14/hook",
            "https://",
            "https://127.0.0.1:" + receiver.actualPort() + "/hook",
            "loopback",
            "https://localhost/hook",
            "loopback",
            "https://10.0.0.8/hook",
            "private",
            "https://[fd00::1]/hook",
            "private",
            "https://169.254.1.1/hook",
            "link-local",
            "https://169.254.169.254/latest/meta-data/",
            "metadata",
            "https://user:pw@93.184.215.14/",
            "user name");
    refused.forEach(
        (url, reason) -> {
          JsonObject problem =
              assertProblem(
                  save(
                      t.owner(),
                      new JsonObject().put("monthlyAmount", "10").put("webhookUrl", url)),
                  400,
                  "invalid_webhook_url");
          assertThat(problem.getString("detail")).as(url).contains("webhookUrl").contains(reason);
        });
    assertThat(api.get("/api/budget", t.owner()).bodyAsJsonObject().getValue("budget")).isNull();
    assertThat(received).hasValue(0);
  }

  @Test
  void aWebhookThatNowPointsInsideIsRefusedWhenSentAndTheNoticeIsDismissedUntilTheNextThreshold()
      throws InterruptedException {
    TenantTeam t = TenantTeam.signUp(api, "Dismissing Co", "dismissing.test");
    TenantTeam other = TenantTeam.signUp(api, "Other Dismissing Co", "other-dismissing.test");
    TestPlans.subscribe(api, operator, t.tenantId(), PLAN);
    String hook = "https://127.0.0.1:" + receiver.actualPort() + "/hook";
    new BudgetRepository(server.server.database().dsl())
        .save(
            new Budget(
                UUID.fromString(t.tenantId()),
                new BigDecimal("10.00"),
                List.of(50, 100),
                hook,
                "whsec_test",
                OffsetDateTime.now(ZoneOffset.UTC)));
    spend(t, 6);
    awaitUntil(() -> alerts(t.owner()).size() == 1);
    awaitUntil(() -> deliveries(t.owner()).size() == 1);
    JsonObject delivery = deliveries(t.owner()).getJsonObject(0);
    assertThat(delivery.getBoolean("delivered")).isFalse();
    assertThat(delivery.getValue("status")).isNull();
    assertThat(delivery.getString("error")).contains("loopback");
    assertThat(received).hasValue(0);

    JsonObject alert = alerts(t.owner()).getJsonObject(0);
    assertThat(alert.getBoolean("dismissed")).isFalse();
    String dismiss = "/api/budget/alerts/" + alert.getString("alertId") + "/dismiss";
    for (Role role : List.of(Role.DEVELOPER, Role.VIEWER)) {
      assertThat(post(dismiss, t.token(role)).statusCode()).as(role.wireName()).isEqualTo(403);
    }
    assertThat(post(dismiss, operator).statusCode()).isEqualTo(403);
    assertThat(post(dismiss, t.apiKey()).statusCode()).isEqualTo(401);
    assertProblem(post(dismiss, other.owner()), 404, "not_found");
    assertProblem(
        post("/api/budget/alerts/" + UUID.randomUUID() + "/dismiss", t.owner()), 404, "not_found");
    assertProblem(post("/api/budget/alerts/not-an-id/dismiss", t.owner()), 404, "not_found");
    assertThat(alerts(t.owner()).getJsonObject(0).getBoolean("dismissed")).isFalse();

    assertThat(post(dismiss, t.token(Role.ADMIN)).statusCode()).isEqualTo(204);
    assertThat(post(dismiss, t.owner()).statusCode()).as("again").isEqualTo(204);
    assertThat(alerts(t.owner()).getJsonObject(0).getBoolean("dismissed")).isTrue();

    spend(t, 5);
    awaitUntil(() -> alerts(t.owner()).size() == 2);
    JsonArray both = alerts(t.owner());
    assertThat(both.getJsonObject(0).getInteger("percent")).isEqualTo(100);
    assertThat(both.getJsonObject(0).getBoolean("dismissed")).isFalse();
    assertThat(both.getJsonObject(1).getBoolean("dismissed")).isTrue();
    assertThat(alerts(other.owner())).isEmpty();
  }

  private static void spend(TenantTeam t, int dollars) {
    for (int i = 0; i < dollars; i++) {
      assertThat(api.get("/v1/me", t.apiKey()).statusCode()).isEqualTo(200);
    }
  }

  private static HttpResponse<Buffer> save(String owner, JsonObject body) {
    return api.send(HttpMethod.PUT, "/api/budget", owner, "application/json", body.toBuffer());
  }

  private static HttpResponse<Buffer> post(String path, String bearer) {
    return api.send(HttpMethod.POST, path, bearer, null, null);
  }

  private static JsonArray alerts(String owner) {
    return api.get("/api/budget/alerts", owner).bodyAsJsonObject().getJsonArray("data");
  }

  private static JsonArray deliveries(String owner) {
    return api.get("/api/budget", owner).bodyAsJsonObject().getJsonArray("deliveries");
  }

  private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - end).as("waited 30 s").isNegative();
      Thread.sleep(50);
    }
  }
}
