package dev.atrium.billing.http;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.ApiClient.SignedUpTenant;
import dev.atrium.app.TestServer;
import dev.atrium.persistence.billing.Subscription;
import dev.atrium.persistence.billing.SubscriptionRepository;
import dev.atrium.persistence.billing.UsageEvent;
import dev.atrium.persistence.billing.UsageRepository;
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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Billing over HTTP, on H2 and PostgreSQL: admission, metering, isolation, invoices, bad input. */
@ExtendWith(VertxExtension.class)
final class BillingApiTest {
  private static TestServer server;
  private static ApiClient api;
  private static String operator;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start();
    api = new ApiClient(vertx, server.port());
    operator = api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static SignedUpTenant tenant(String name) {
    return api.signupWithKey(name, "billing.test");
  }

  private static JsonObject plan(String id, long keyRpm, Long requestHardLimit) {
    return new JsonObject()
        .put("id", id)
        .put("name", id)
        .put("monthlyFee", "10.00")
        .put(
            "rateLimits",
            new JsonObject()
                .put("keyRequestsPerMinute", keyRpm)
                .put("tenantRequestsPerMinute", 1000)
                .put("keyTokensPerMinute", 10000)
                .put("tenantTokensPerMinute", 10000))
        .put("maxConcurrency", 8)
        .put("poolWeight", 2)
        .put("allowedPlugins", new JsonArray().add("*"))
        .put(
            "meters",
            new JsonObject()
                .put(
                    "requests",
                    new JsonObject()
                        .put("included", 0)
                        .put("softLimit", requestHardLimit)
                        .put("hardLimit", requestHardLimit)
                        .put(
                            "tiers",
                            new JsonArray()
                                .add(
                                    new JsonObject()
                                        .put("firstUnit", 0)
                                        .put("unitPrice", "0.01")))));
  }

  private static void subscribe(SignedUpTenant t, String planId) {
    HttpResponse<Buffer> r =
        api.send(
            HttpMethod.PUT,
            "/api/admin/tenants/" + t.id() + "/subscription",
            operator,
            "application/json",
            new JsonObject().put("plan", planId).toBuffer());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  private static HttpResponse<Buffer> me(String key, String idempotencyKey) {
    var request =
        io.vertx.ext.web.client.WebClient.create(server.server.vertx())
            .get(server.port(), "127.0.0.1", "/v1/me")
            .bearerTokenAuthentication(key);
    if (idempotencyKey != null) {
      request.putHeader("Idempotency-Key", idempotencyKey);
    }
    return request.send().await();
  }

  private static long usage(String token, String meter) {
    JsonArray rows =
        api.get("/api/usage?groupBy=meter", token).bodyAsJsonObject().getJsonArray("data");
    return rows.stream()
        .map(JsonObject.class::cast)
        .filter(r -> r.getString("meter").equals(meter))
        .mapToLong(r -> r.getLong("quantity"))
        .sum();
  }

  @Test
  void everyApiKeyResponseCarriesRateLimitHeadersAndTheBucketRefusesWith429() {
    assertThat(api.post("/api/admin/plans", operator, plan("tight", 3, null)).statusCode())
        .isEqualTo(201);
    SignedUpTenant t = tenant("Tight Co");
    subscribe(t, "tight");
    for (int remaining = 2; remaining >= 0; remaining--) {
      HttpResponse<Buffer> ok = me(t.key(), null);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.getHeader("RateLimit-Limit")).isEqualTo("3");
      assertThat(ok.getHeader("RateLimit-Remaining")).isEqualTo(Integer.toString(remaining));
      assertThat(Long.parseLong(ok.getHeader("RateLimit-Reset"))).isBetween(1L, 60L);
    }
    HttpResponse<Buffer> refused = me(t.key(), null);
    assertProblem(refused, 429, "rate_limited");
    assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 20L);
    assertThat(refused.getHeader("RateLimit-Remaining")).isEqualTo("0");
    assertThat(usage(t.owner(), "requests")).as("refused requests are not billed").isEqualTo(3);
  }

  @Test
  void aHardLimitRefusesWith402AndTheSameIdempotencyKeyBillsOnce() {
    assertThat(api.post("/api/admin/plans", operator, plan("capped", 1000, 3L)).statusCode())
        .isEqualTo(201);
    SignedUpTenant t = tenant("Capped Co");
    subscribe(t, "capped");
    assertThat(me(t.key(), "retry-1").statusCode()).isEqualTo(200);
    assertThat(me(t.key(), "retry-1").statusCode()).isEqualTo(200);
    assertThat(usage(t.owner(), "requests")).isEqualTo(1);
    assertThat(me(t.key(), null).statusCode()).isEqualTo(200);
    assertThat(me(t.key(), null).statusCode()).isEqualTo(200);
    assertProblem(me(t.key(), null), 402, "quota_exceeded");
    assertThat(usage(t.owner(), "requests")).isEqualTo(3);
    assertProblem(me(t.key(), "bad key with spaces"), 400, "invalid_idempotency_key");

    JsonObject summary = api.get("/api/billing/summary", t.owner()).bodyAsJsonObject();
    assertThat(summary.getJsonObject("plan").getString("id")).isEqualTo("capped");
    assertThat(summary.getJsonArray("warnings").getJsonObject(0).getInteger("percent"))
        .isEqualTo(100);
    assertThat(api.get("/api/audit", t.owner()).bodyAsString()).contains("quota.warning");
  }

  @Test
  void aTenantSeesOnlyItsOwnUsageAndInvoicesAndTheOperatorSeesAll() {
    SignedUpTenant a = tenant("Alpha Co");
    SignedUpTenant b = tenant("Beta Co");
    assertThat(api.get("/api/subscription", a.owner()).bodyAsJsonObject().getString("planId"))
        .isEqualTo("free");
    me(a.key(), null);
    me(a.key(), null);
    assertThat(usage(a.owner(), "requests")).isEqualTo(2);
    assertThat(usage(b.owner(), "requests")).isZero();
    JsonArray all =
        api.get("/api/admin/usage?groupBy=meter", operator).bodyAsJsonObject().getJsonArray("data");
    assertThat(all.stream().map(o -> ((JsonObject) o).getString("tenantId"))).contains(a.id());
    JsonArray onlyB =
        api.get("/api/admin/usage?groupBy=key&tenantId=" + b.id(), operator)
            .bodyAsJsonObject()
            .getJsonArray("data");
    assertThat(onlyB).isEmpty();

    // A closed month with usage for A, written as the ledger would have.
    YearMonth last = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
    OffsetDateTime start = last.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    var database = server.server.database();
    database
        .dsl()
        .transaction(
            c -> {
              new SubscriptionRepository(c.dsl())
                  .insert(
                      new Subscription(
                          UUID.randomUUID(),
                          UUID.fromString(a.id()),
                          "pro",
                          start.minusMonths(1),
                          OffsetDateTime.now(ZoneOffset.UTC).minusDays(40).isBefore(start)
                              ? null
                              : null,
                          BigDecimal.ZERO,
                          start));
              new UsageRepository(c.dsl())
                  .append(
                      List.of(
                          new UsageEvent(
                              UUID.fromString(a.id()),
                              "old-1",
                              UsageEvent.NO_KEY,
                              "",
                              "",
                              "requests",
                              1_000_100,
                              start.plusDays(3))));
            });
    HttpResponse<Buffer> close =
        api.post("/api/admin/invoices/close?period=" + last, operator, new JsonObject());
    assertThat(close.statusCode()).as(close.bodyAsString()).isEqualTo(202);
    JsonObject progress;
    do {
      progress = api.get("/api/admin/invoices/close?period=" + last, operator).bodyAsJsonObject();
    } while (progress.getString("state").equals("running"));
    assertThat(progress.getString("state")).isEqualTo("done");
    assertThat(
            api.post("/api/admin/invoices/close?period=" + last, operator, new JsonObject())
                .statusCode())
        .isEqualTo(202);

    JsonArray invoices =
        api.get("/api/invoices", a.owner()).bodyAsJsonObject().getJsonArray("data");
    assertThat(invoices).hasSize(1);
    String id = invoices.getJsonObject(0).getString("id");
    JsonObject invoice = api.get("/api/invoices/" + id, a.owner()).bodyAsJsonObject();
    // Pro for the whole month: fee 49.00; 100 requests beyond the 1,000,000 included at 0.0004:
    // 0.04
    assertThat(invoice.getString("total")).isEqualTo("49.04");
    assertThat(invoice.getJsonArray("lines").getJsonObject(1).getString("amount"))
        .isEqualTo("0.04");
    HttpResponse<Buffer> csv = api.get("/api/invoices/" + id + "?format=csv", a.owner());
    assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
    assertThat(csv.bodyAsString())
        .startsWith("line,kind,description")
        .contains("\"total USD\",,,,,,,49.04");
    HttpResponse<Buffer> html = api.get("/api/invoices/" + id + "?format=html", a.owner());
    assertThat(html.getHeader("Content-Type")).startsWith("text/html");
    assertThat(html.bodyAsString()).contains("<table>").contains("49.04");
    assertProblem(api.get("/api/invoices/" + id, b.owner()), 404, "not_found");
    assertThat(api.get("/api/invoices", b.owner()).bodyAsJsonObject().getJsonArray("data"))
        .isEmpty();
    assertThat(
            api.get("/api/admin/invoices?period=" + last, operator)
                .bodyAsJsonObject()
                .getJsonArray("data"))
        .isNotEmpty();
  }

  @Test
  void badInputIsRefusedWithAProblemNamingIt() {
    SignedUpTenant t = tenant("Input Co");
    assertProblem(api.get("/api/usage?groupBy=week", t.owner()), 400, "invalid_parameter");
    assertProblem(api.get("/api/usage?from=2027-02-30", t.owner()), 400, "invalid_parameter");
    assertProblem(api.get("/api/usage?from=yesterday", t.owner()), 400, "invalid_parameter");
    assertProblem(
        api.get("/api/usage?from=2027-03-02&to=2027-03-01", t.owner()), 400, "invalid_parameter");
    assertProblem(
        api.get("/api/usage?from=2027-03-01T10:30:00Z", t.owner()), 400, "invalid_parameter");
    assertProblem(api.get("/api/usage?tenantId=x", t.owner()), 400, "unknown_parameter");
    assertProblem(api.get("/api/invoices/not-a-uuid", t.owner()), 404, "not_found");
    assertProblem(
        api.send(
            HttpMethod.POST,
            "/api/admin/plans",
            operator,
            "application/json",
            Buffer.buffer("{\"id\":")),
        400,
        "malformed_json");
    assertProblem(
        api.post("/api/admin/plans", operator, plan("odd", 5, null).put("colour", "red")),
        400,
        "unknown_field");
    assertProblem(
        api.post("/api/admin/plans", operator, plan("odd", 5, null).put("maxConcurrency", "eight")),
        400,
        "invalid_field");
    assertProblem(
        api.post("/api/admin/plans", operator, plan("odd", 5, null).put("monthlyFee", "1.005")),
        400,
        "invalid_field");
    assertProblem(
        api.post("/api/admin/plans", operator, plan("Bad Id", 5, null)), 400, "invalid_field");
    JsonObject unknownMeter = plan("odd", 5, null);
    unknownMeter
        .getJsonObject("meters")
        .put("bananas", unknownMeter.getJsonObject("meters").getJsonObject("requests"));
    assertProblem(api.post("/api/admin/plans", operator, unknownMeter), 400, "invalid_field");
    assertProblem(
        api.post("/api/admin/plans", operator, plan("free", 5, null)), 409, "plan_exists");
    assertProblem(
        api.send(
            HttpMethod.PUT,
            "/api/subscription",
            t.owner(),
            "application/json",
            new JsonObject().put("plan", "platinum").toBuffer()),
        400,
        "invalid_field");
    assertProblem(
        api.send(
            HttpMethod.PUT,
            "/api/subscription",
            t.owner(),
            "application/json",
            new JsonObject()
                .put("plan", "pro")
                .put("effectiveAt", "2020-01-01T00:00:00Z")
                .toBuffer()),
        400,
        "unknown_field");
    assertProblem(
        api.send(
            HttpMethod.PUT,
            "/api/admin/tenants/" + t.id() + "/subscription",
            operator,
            "application/json",
            new JsonObject().put("plan", "pro").put("effectiveAt", "last tuesday").toBuffer()),
        400,
        "invalid_field");
    assertProblem(
        api.post("/api/admin/invoices/close?period=2027-13", operator, new JsonObject()),
        400,
        "invalid_parameter");
    assertProblem(
        api.post("/api/admin/invoices/close?period=2999-01", operator, new JsonObject()),
        409,
        "period_not_ended");
    assertProblem(
        api.get("/api/admin/invoices/00000000-0000-0000-0000-000000000000?format=pdf", operator),
        404,
        "not_found");
    HttpResponse<Buffer> upgraded =
        api.send(
            HttpMethod.PUT,
            "/api/subscription",
            t.owner(),
            "application/json",
            new JsonObject().put("plan", "pro").toBuffer());
    assertThat(upgraded.bodyAsJsonObject().getString("planId")).isEqualTo("pro");
    assertThat(upgraded.bodyAsJsonObject().getJsonArray("history")).hasSize(2);
  }
}
