package dev.atrium.billing.http;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.TenantTeam;
import dev.atrium.app.TestServer;
import dev.atrium.shared.Role;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plan-change preview, the operator's tenant accounts and the billing test clock over HTTP, on
 * a development server with the test clock enabled (and a prod one that must refuse it).
 */
@ExtendWith(VertxExtension.class)
final class PlanChangeAndTestClockApiTest {
  /** A development server without the bundled plugins, whose billing clock can be advanced. */
  static final Map<String, String> TEST_CLOCK =
      Map.of("profile", "dev", "billing.test-clock", "true", "plugins.bundled-dir", "");

  private static TestServer server;
  private static ApiClient api;
  private static String operator;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(TEST_CLOCK);
    api = new ApiClient(vertx, server.port());
    operator = api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<Buffer> put(String path, String token, JsonObject body) {
    return api.send(HttpMethod.PUT, path, token, "application/json", body.toBuffer());
  }

  private static BigDecimal money(JsonObject o, String field) {
    return new BigDecimal(o.getString(field));
  }

  private static BigDecimal fees(JsonObject invoice) {
    return invoice.getJsonArray("lines").stream()
        .map(JsonObject.class::cast)
        .filter(l -> l.getString("kind").equals("fee"))
        .map(l -> money(l, "amount"))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void thePreviewShowsTheProratedChargeThatTheChangeThenBills() {
    String owner = api.signupWithKey("Preview Co", "preview.test").owner();
    HttpResponse<Buffer> r = api.get("/api/subscription/preview?plan=pro", owner);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject preview = r.bodyAsJsonObject();
    assertThat(preview.getString("currentPlanId")).isEqualTo("free");
    assertThat(preview.getJsonObject("plan").getString("id")).isEqualTo("pro");
    JsonArray fees = preview.getJsonArray("fees");
    assertThat(fees).hasSize(2);
    assertThat(fees.getJsonObject(0).getString("planId")).isEqualTo("free");
    assertThat(fees.getJsonObject(1).getString("planId")).isEqualTo("pro");
    assertThat(fees.getJsonObject(1).getString("from"))
        .isEqualTo(fees.getJsonObject(0).getString("to"));
    BigDecimal charge = money(preview, "proratedCharge");
    assertThat(charge).isPositive().isLessThanOrEqualTo(new BigDecimal("49.00"));
    assertThat(money(preview, "monthTotalAfter").subtract(money(preview, "monthTotalBefore")))
        .isEqualByComparingTo(charge);
    assertThat(api.get("/api/subscription", owner).bodyAsJsonObject().getString("planId"))
        .as("a preview changes nothing")
        .isEqualTo("free");

    assertThat(put("/api/subscription", owner, new JsonObject().put("plan", "pro")).statusCode())
        .isEqualTo(200);
    JsonObject charges =
        api.get("/api/billing/summary", owner).bodyAsJsonObject().getJsonObject("chargesSoFar");
    // The change happened a moment after the preview: at most a cent of proration apart.
    assertThat(fees(charges).subtract(charge).abs()).isLessThanOrEqualTo(new BigDecimal("0.01"));

    JsonObject back = api.get("/api/subscription/preview?plan=free", owner).bodyAsJsonObject();
    assertThat(money(back, "proratedCharge")).as("moving down is a credit").isNegative();
  }

  @Test
  void thePreviewRefusesBadInputAndCallersWhoCannotChangeThePlan() {
    TenantTeam team = TenantTeam.signUp(api, "Preview Team", "preview-team.test");
    String base = "/api/subscription/preview";
    assertProblem(api.get(base, team.owner()), 400, "invalid_parameter");
    assertProblem(api.get(base + "?plan=", team.owner()), 400, "invalid_parameter");
    JsonObject unknown =
        assertProblem(api.get(base + "?plan=platinum", team.owner()), 400, "invalid_parameter");
    assertThat(unknown.getString("detail")).contains("plan");
    assertProblem(api.get(base + "?plan=pro&x=1", team.owner()), 400, "unknown_parameter");
    assertProblem(api.get(base + "?plan=pro&plan=free", team.owner()), 400, "invalid_parameter");
    assertThat(api.get(base + "?plan=%E5%A5%97%E9%A4%90", team.owner()).statusCode())
        .isEqualTo(400);
    for (Role role : new Role[] {Role.ADMIN, Role.DEVELOPER, Role.VIEWER}) {
      assertThat(api.get(base + "?plan=pro", team.token(role)).statusCode())
          .as(role.wireName())
          .isEqualTo(403);
    }
    assertThat(api.get(base + "?plan=pro", operator).statusCode()).isEqualTo(403);
    assertThat(api.get(base + "?plan=pro", null).statusCode()).isEqualTo(401);
  }

  @Test
  void theOperatorSeesEachTenantsPlanStatusAndMoneyAndOneTenantsAccount() {
    ApiClient.SignedUpTenant pro = api.signupWithKey("Accounts Pro", "accounts.test");
    ApiClient.SignedUpTenant other = api.signupWithKey("Accounts Free", "accounts.test");
    assertThat(
            put(
                    "/api/admin/tenants/" + pro.id() + "/subscription",
                    operator,
                    new JsonObject().put("plan", "pro").put("discountPercent", "10"))
                .statusCode())
        .isEqualTo(200);
    JsonArray list =
        api.get("/api/admin/billing/tenants?limit=500", operator)
            .bodyAsJsonObject()
            .getJsonArray("data");
    JsonObject proRow = row(list, pro.id());
    assertThat(proRow.getString("planId")).isEqualTo("pro");
    assertThat(proRow.getString("planName")).isEqualTo("Pro");
    assertThat(money(proRow, "discountPercent")).isEqualByComparingTo("10");
    assertThat(proRow.getString("status")).isEqualTo("within_limits");
    assertThat(money(proRow, "chargesSoFar")).isPositive();
    assertThat(row(list, other.id()).getString("planId")).isEqualTo("free");

    JsonObject account =
        api.get("/api/admin/billing/tenants/" + pro.id(), operator).bodyAsJsonObject();
    assertThat(account.getString("name")).isEqualTo("Accounts Pro");
    assertThat(account.getJsonArray("history")).hasSize(2);
    assertThat(money(account, "chargesSoFar"))
        .isEqualByComparingTo(money(account.getJsonObject("estimate"), "total"));
    assertThat(money(account.getJsonObject("estimate"), "discountPercent"))
        .isEqualByComparingTo("10");
    assertThat(account.getJsonArray("invoices")).isEmpty();

    assertProblem(
        api.get("/api/admin/billing/tenants/" + UUID.randomUUID(), operator), 404, "not_found");
    assertProblem(api.get("/api/admin/billing/tenants/not-a-uuid", operator), 404, "not_found");
    assertProblem(
        api.get("/api/admin/billing/tenants?limit=0", operator), 400, "invalid_parameter");
    assertProblem(
        api.get("/api/admin/billing/tenants?limit=ten", operator), 400, "invalid_parameter");
    assertThat(api.get("/api/admin/billing/tenants", pro.owner()).statusCode()).isEqualTo(403);
    assertThat(api.get("/api/admin/billing/tenants/" + pro.id(), pro.owner()).statusCode())
        .isEqualTo(403);
    assertThat(api.get("/api/admin/billing/tenants/" + other.id(), pro.owner()).statusCode())
        .as("another tenant's account")
        .isEqualTo(403);
  }

  private static JsonObject row(JsonArray list, String tenantId) {
    return list.stream()
        .map(JsonObject.class::cast)
        .filter(t -> t.getString("id").equals(tenantId))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theTestClockEndsTheMonthSoItCanBeClosedAndOnlyMovesForward() throws Exception {
    ApiClient.SignedUpTenant tenant = api.signupWithKey("Clock Co", "clock.test");
    assertThat(api.get("/v1/me", tenant.key()).statusCode()).isEqualTo(200);
    JsonObject clock = api.get("/api/admin/billing/clock", operator).bodyAsJsonObject();
    assertThat(clock.getBoolean("advanceable")).isTrue();
    YearMonth month = YearMonth.from(OffsetDateTime.parse(clock.getString("now")));
    String period = month.toString();
    assertProblem(
        api.post("/api/admin/invoices/close?period=" + period, operator, null),
        409,
        "period_not_ended");

    assertThat(
            api.post("/api/admin/billing/clock", tenant.owner(), advance("2099-01-01T00:00:00Z"))
                .statusCode())
        .isEqualTo(403);
    assertProblem(
        api.post("/api/admin/billing/clock", operator, advance("2001-01-01T00:00:00Z")),
        409,
        "clock_cannot_go_back");
    assertProblem(
        api.post("/api/admin/billing/clock", operator, new JsonObject().put("advanceTo", "soon")),
        400,
        "invalid_field");
    assertProblem(
        api.post("/api/admin/billing/clock", operator, new JsonObject().put("by", "P1M")),
        400,
        "unknown_field");

    String nextMonth = month.plusMonths(1).atDay(1).atTime(1, 0).atOffset(ZoneOffset.UTC) + "";
    HttpResponse<Buffer> advanced =
        api.post("/api/admin/billing/clock", operator, advance(nextMonth));
    assertThat(advanced.statusCode()).as(advanced.bodyAsString()).isEqualTo(200);
    assertThat(advanced.bodyAsJsonObject().getLong("offsetSeconds")).isPositive();

    assertThat(api.post("/api/admin/invoices/close?period=" + period, operator, null).statusCode())
        .isEqualTo(202);
    JsonObject progress = closeFinished(period);
    assertThat(progress.getString("error")).isNull();
    assertThat(progress.getInteger("invoicesCreated")).isPositive();
    JsonArray mine =
        api.get("/api/invoices", tenant.owner()).bodyAsJsonObject().getJsonArray("data");
    assertThat(mine).hasSize(1);
    JsonObject invoice = mine.getJsonObject(0);
    assertThat(invoice.getString("period")).isEqualTo(period);
    HttpResponse<Buffer> csv =
        api.get("/api/invoices/" + invoice.getString("id") + "?format=csv", tenant.owner());
    assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
    assertThat(csv.bodyAsString()).contains("requests");
    assertThat(
            api.get("/api/admin/billing/tenants/" + tenant.id(), operator)
                .bodyAsJsonObject()
                .getJsonArray("invoices"))
        .hasSize(1);
  }

  private static JsonObject advance(String to) {
    return new JsonObject().put("advanceTo", to);
  }

  /** Polls the close's progress (as the dashboard does) until it finishes. */
  private static JsonObject closeFinished(String period) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      JsonObject p =
          api.get("/api/admin/invoices/close?period=" + period, operator).bodyAsJsonObject();
      if (p.getString("finishedAt") != null || p.getString("error") != null) {
        return p;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the close of " + period + " did not finish");
  }

  @Test
  void theProdProfileRefusesTheTestClockEvenWhenEnabled(Vertx vertx) {
    try (TestServer prod = TestServer.start(Map.of("billing.test-clock", "true"))) {
      ApiClient prodApi = new ApiClient(vertx, prod.port());
      String op = prodApi.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
      assertThat(
              prodApi
                  .get("/api/admin/billing/clock", op)
                  .bodyAsJsonObject()
                  .getBoolean("advanceable"))
          .isFalse();
      assertProblem(
          prodApi.post("/api/admin/billing/clock", op, advance("2099-01-01T00:00:00Z")),
          409,
          "test_clock_in_production");
    }
  }

  @Test
  void aDevelopmentServerKeepsTheTestClockOffUnlessEnabled(Vertx vertx) {
    try (TestServer dev = TestServer.start(Map.of("profile", "dev", "plugins.bundled-dir", ""))) {
      ApiClient devApi = new ApiClient(vertx, dev.port());
      String op = devApi.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
      assertProblem(
          devApi.post("/api/admin/billing/clock", op, advance("2099-01-01T00:00:00Z")),
          409,
          "test_clock_disabled");
      assertThat(
              devApi
                  .get("/api/admin/billing/clock", op)
                  .bodyAsJsonObject()
                  .getLong("offsetSeconds"))
          .isZero();
    }
  }
}
