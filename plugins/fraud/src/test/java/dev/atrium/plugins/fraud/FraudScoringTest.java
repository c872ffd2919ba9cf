package dev.atrium.plugins.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.testkit.PluginUnderTest;
import dev.atrium.plugin.testkit.TestingPluginContext;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scoring path on the plugin testkit (real document and blob stores of the testkit, the host's
 * job scheduler): validation, single vs batch, exact velocity under concurrency, restarts, rules,
 * cases and tenant isolation. No trained model: the unsupervised score and rules decide.
 */
final class FraudScoringTest {
  private static TestingPluginContext context;
  private static PluginUnderTest<FraudPlugin> plugin;

  @BeforeAll
  static void start() {
    context = new TestingPluginContext("fraud");
    plugin = PluginUnderTest.start(context, FraudPlugin.class);
  }

  @AfterAll
  static void stop() {
    plugin.close();
    context.close();
  }

  static JsonObject txn(String account, double amount, Instant at) {
    return new JsonObject()
        .put("amount", amount)
        .put("currency", "EUR")
        .put("timestamp", at.toString())
        .put("account", account)
        .put("merchant", "m-1")
        .put("category", "grocery")
        .put("channel", "pos")
        .put("device", "d-" + account)
        .put("country", "DE")
        .put("lat", 52.5)
        .put("lon", 13.4);
  }

  private static JsonObject ok(PluginResponse response) {
    assertThat(response.status()).as(response.body().toString()).isBetween(200, 201);
    return response.body().toJsonObject();
  }

  private static void assertProblem(
      PluginResponse response, int status, String code, String mentions) {
    assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    JsonObject problem = response.body().toJsonObject();
    assertThat(problem.getString("code")).isEqualTo(code);
    assertThat(problem.getString("detail")).contains(mentions);
  }

  @Test
  void badTransactionsGetClearProblemsAndCountNothing() {
    String tenant = TestingPluginContext.newTenantId();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    JsonObject good = txn("acct-bad", 20, now.minusSeconds(60));
    JsonObject missing = good.copy();
    missing.remove("amount");
    assertProblem(plugin.post("/score", tenant, missing), 400, "missing_amount", "amount");
    assertProblem(
        plugin.post("/score", tenant, good.copy().put("amount", -5)), 400, "invalid_amount", "-5");
    assertProblem(
        plugin.post("/score", tenant, good.copy().put("amount", 0)),
        400,
        "invalid_amount",
        "amount");
    assertProblem(
        plugin.post("/score", tenant, good.copy().put("amount", "12.50")),
        400,
        "invalid_amount",
        "number");
    assertProblem(
        plugin.post("/score", tenant, good.copy().put("currency", "XYZ")),
        400,
        "invalid_currency",
        "ISO 4217");
    assertProblem(
        plugin.post("/score", tenant, good.copy().put("currency", "eur")),
        400,
        "invalid_currency",
        "eur");
    assertProblem(
        plugin.post(
            "/score",
            tenant,
            good.copy().put("timestamp", now.plus(Duration.ofHours(2)).toString())),
        400,
        "future_timestamp",
        "future");
    assertProblem(
        plugin.post("/score", tenant, good.copy().put("timestamp", "yesterday")),
        400,
        "invalid_timestamp",
        "ISO 8601");
    assertProblem(
        plugin.post("/score", tenant, good.copy().put("colour", "red")),
        400,
        "unknown_field",
        "colour");
    assertProblem(
        plugin.post("/score", tenant, good.copy().put("account", "")),
        400,
        "invalid_field",
        "account");
    assertProblem(
        plugin.post("/score", tenant, good.copy().put("country", "XX")),
        400,
        "invalid_field",
        "country");
    assertProblem(
        plugin.post("/score", tenant, good.copy().put("ip", "999.1.1.1")),
        400,
        "invalid_field",
        "ip");
    assertProblem(
        plugin.post("/score", tenant, good.copy().put("channel", "fax")),
        400,
        "invalid_field",
        "channel");
    assertProblem(
        plugin.call(HttpMethod.POST, "/score", tenant, Buffer.buffer("{\"amount\": 12,")),
        400,
        "malformed_json",
        "JSON");
    assertProblem(
        plugin.post("/score/batch", tenant, new JsonObject().put("transactions", new JsonArray())),
        400,
        "empty_batch",
        "no transaction");
    JsonArray mixed =
        new JsonArray()
            .add(good.copy().put("id", "b1"))
            .add(good.copy().put("id", "b2").put("amount", "x"));
    assertProblem(
        plugin.post("/score/batch", tenant, new JsonObject().put("transactions", mixed)),
        400,
        "invalid_amount",
        "transactions[1].amount");
    String small = TestingPluginContext.newTenantId(); // settings apply within 5 s: a fresh tenant
    context.setSettings(small, new JsonObject().put("maxBatch", 3));
    JsonArray four = new JsonArray();
    for (int i = 0; i < 4; i++) {
      four.add(good.copy().put("id", "big-" + i));
    }
    assertProblem(
        plugin.post("/score/batch", small, new JsonObject().put("transactions", four)),
        413,
        "batch_too_large",
        "at most 3");
    // Nothing above was counted: the first good payment is the account's first.
    JsonObject scored =
        ok(
            plugin.post(
                "/score",
                tenant,
                good.copy()
                    .put("attributes", new JsonObject().put("note", "支付 ✓"))
                    .put("id", "first")));
    assertThat(scored.getJsonObject("features").getDouble("acct_count_24h")).isEqualTo(1.0);
  }

  @Test
  void aDemoHistoryThatWouldReachTodayOrIsNoDateIsRefused() {
    String tenant = TestingPluginContext.newTenantId();
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    for (Object start : List.of(today, "2026-02-30", "yesterday", 20260101, "1999-12-31")) {
      assertProblem(
          plugin.post("/demo", tenant, new JsonObject().put("days", 1).put("start", start)),
          400,
          "invalid_field",
          "'start'");
    }
    assertThat(plugin.plugin().tenant(tenant).log.recent(0, 1000)).isEmpty();
  }

  @Test
  void aDemoHistoryTooLargeToGenerateInMemoryIsRefused() {
    String tenant = TestingPluginContext.newTenantId();
    // Each alone is allowed; together 50,000 accounts × 90 days would be about 8 million payments.
    assertProblem(
        plugin.post("/demo", tenant, new JsonObject().put("days", 90).put("accounts", 50_000)),
        400,
        "invalid_field",
        "at most 250000");
    assertProblem(
        plugin.post("/demo", tenant, new JsonObject().put("days", 7).put("accounts", 35_715)),
        400,
        "invalid_field",
        "'accounts' × 'days'");
    assertThat(plugin.plugin().tenant(tenant).log.recent(0, 1000)).isEmpty();
  }

  @Test
  void demoAndTrainingRequestsWithAnUnknownMemberAreRefused() {
    String tenant = TestingPluginContext.newTenantId();
    assertProblem(
        plugin.post("/demo", tenant, new JsonObject().put("days", 1).put("rows", 5)),
        400,
        "unknown_field",
        "'rows'");
    assertProblem(
        plugin.post("/models/train", tenant, new JsonObject().put("days", 30).put("epochs", 3)),
        400,
        "unknown_field",
        "'epochs'");
    assertThat(plugin.plugin().tenant(tenant).log.recent(0, 1000)).isEmpty();
  }

  @Test
  void singleAndBatchScoresAreIdentical() {
    String single = TestingPluginContext.newTenantId();
    String batch = TestingPluginContext.newTenantId();
    Instant start = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
    JsonArray txns = new JsonArray();
    for (int i = 0; i < 40; i++) {
      txns.add(
          txn("acct-" + (i % 4), 10 + i * 7 % 50, start.plusSeconds(i * 97L))
              .put("id", "t" + i)
              .put("device", "dev-" + (i % 3)));
    }
    txns.add(
        txn("acct-1", 900, start.plusSeconds(5000))
            .put("id", "big")
            .put("device", "new")
            .put("country", "CN"));
    List<JsonObject> singles = new ArrayList<>();
    for (Object t : txns) {
      singles.add(ok(plugin.post("/score", single, (JsonObject) t)));
    }
    JsonArray batched =
        ok(plugin.post("/score/batch", batch, new JsonObject().put("transactions", txns)))
            .getJsonArray("data");
    assertThat(batched).hasSize(singles.size());
    for (int i = 0; i < singles.size(); i++) {
      assertThat(batched.getJsonObject(i)).isEqualTo(singles.get(i));
    }
    assertThat(singles.get(singles.size() - 1).getJsonObject("features").getDouble("new_device"))
        .isEqualTo(1.0);
  }

  @Test
  void concurrentScoresOfOneAccountCountExactly() throws Exception {
    String tenant = TestingPluginContext.newTenantId();
    int n = 48;
    Instant at = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<JsonObject>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < n; i++) {
        JsonObject body = txn("acct-hot", 5, at).put("id", "c" + i);
        answers.add(
            pool.submit(
                () -> {
                  go.await();
                  return ok(plugin.post("/score", tenant, body));
                }));
      }
      go.countDown();
      List<Double> minuteCounts = new ArrayList<>();
      List<Double> sums = new ArrayList<>();
      for (Future<JsonObject> answer : answers) {
        JsonObject f = answer.get().getJsonObject("features");
        minuteCounts.add(f.getDouble("acct_count_1m"));
        sums.add(f.getDouble("acct_sum_1m"));
      }
      List<Double> expected = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        expected.add((double) i);
      }
      assertThat(minuteCounts).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(sums.stream().mapToDouble(Double::doubleValue).max().orElseThrow())
          .isEqualTo(5.0 * n);
    }
    // A retry of an id already counted changes nothing.
    JsonObject retry = ok(plugin.post("/score", tenant, txn("acct-hot", 5, at).put("id", "c0")));
    assertThat(retry.getJsonObject("features").getDouble("acct_count_1m")).isEqualTo((double) n);
  }

  @Test
  void featuresSurviveARestartOfThePlugin() {
    String tenant = TestingPluginContext.newTenantId();
    Instant at = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
    for (int i = 0; i < 3; i++) {
      ok(plugin.post("/score", tenant, txn("acct-r", 10, at.plusSeconds(i)).put("id", "r" + i)));
    }
    try (PluginUnderTest<FraudPlugin> second = PluginUnderTest.start(context, FraudPlugin.class)) {
      plugin.plugin().flushAll();
      JsonObject f =
          ok(second.post("/score", tenant, txn("acct-r", 10, at.plusSeconds(3)).put("id", "r3")))
              .getJsonObject("features");
      assertThat(f.getDouble("acct_count_1h")).isEqualTo(4.0);
      assertThat(f.getDouble("device_count_1h")).isEqualTo(4.0);
      assertThat(f.getDouble("account_txns")).isEqualTo(3.0);
    }
  }

  @Test
  void rulesAreCheckedOnSaveWithThePositionOfTheFault() {
    String tenant = TestingPluginContext.newTenantId();
    PluginResponse syntax = plugin.post("/rules", tenant, rule("txn.amount > ", "block"));
    assertProblem(syntax, 400, "rule_compile_error", "line 1, column");
    JsonObject error = syntax.body().toJsonObject().getJsonArray("errors").getJsonObject(0);
    assertThat(error.getInteger("line")).isEqualTo(1);
    assertThat(error.getInteger("column")).isGreaterThan(10);
    PluginResponse unknown =
        plugin.post("/rules", tenant, rule("txn.amount > 100 &&\n  features.new_devise", "block"));
    assertProblem(unknown, 400, "unknown_rule_field", "new_devise");
    JsonObject position = unknown.body().toJsonObject().getJsonArray("errors").getJsonObject(0);
    assertThat(position.getInteger("line")).isEqualTo(2);
    assertThat(position.getInteger("column")).isEqualTo(11);
    assertProblem(
        plugin.post("/rules", tenant, rule("txn.colour == 'red'", "block")),
        400,
        "unknown_rule_field",
        "colour");
    assertProblem(
        plugin.post("/rules", tenant, rule("nope > 1", "block")),
        400,
        "rule_compile_error",
        "nope");
    assertProblem(
        plugin.post("/rules", tenant, rule("txn.amount + 1", "block")),
        400,
        "rule_compile_error",
        "line 1");
    assertProblem(
        plugin.post("/rules", tenant, rule("txn.amount > 1", "explode")),
        400,
        "invalid_field",
        "action");
    assertThat(ok(plugin.get("/rules", tenant)).getJsonArray("data")).isEmpty();
  }

  @Test
  void aRuleIsBacktestedBeforeItIsEnabledAndThenDecides() {
    String tenant = TestingPluginContext.newTenantId();
    Instant at = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    for (int i = 0; i < 10; i++) {
      ok(
          plugin.post(
              "/score",
              tenant,
              txn("acct-x", i < 8 ? 20 : 6000, at.plusSeconds(i * 3600L)).put("id", "x" + i)));
    }
    JsonObject saved =
        ok(
            plugin.post(
                "/rules", tenant, rule("txn.amount > 5000 && txn.channel == 'pos'", "block")));
    assertThat(saved.getBoolean("enabled")).isFalse();
    assertThat(saved.getJsonObject("backtest").getLong("evaluated")).isEqualTo(10L);
    assertThat(saved.getJsonObject("backtest").getLong("hits")).isEqualTo(2L);
    assertThat(saved.getJsonObject("backtest").getDouble("hitRate")).isEqualTo(0.2);
    JsonObject before =
        ok(
            plugin.post(
                "/score", tenant, txn("acct-y", 7000, at.plusSeconds(40000)).put("id", "y0")));
    assertThat(before.getJsonArray("rules")).isEmpty();
    ok(plugin.post("/rules/" + saved.getString("id") + "/enable", tenant, new JsonObject()));
    JsonObject after =
        ok(
            plugin.post(
                "/score", tenant, txn("acct-y", 7000, at.plusSeconds(40001)).put("id", "y1")));
    assertThat(after.getString("decision")).isEqualTo("block");
    assertThat(after.getJsonArray("rules").getJsonObject(0).getString("id"))
        .isEqualTo(saved.getString("id"));
    // Another tenant neither sees nor runs it.
    String other = TestingPluginContext.newTenantId();
    assertThat(ok(plugin.get("/rules", other)).getJsonArray("data")).isEmpty();
    assertThat(
            ok(plugin.post(
                    "/score", other, txn("acct-y", 7000, at.plusSeconds(40001)).put("id", "y1")))
                .getJsonArray("rules"))
        .isEmpty();
    assertThat(
            ok(plugin.post(
                    "/score", other, txn("acct-y", 7000, at.plusSeconds(40002)).put("id", "y2")))
                .getJsonObject("features")
                .getDouble("acct_count_24h"))
        .isEqualTo(2.0);
  }

  @Test
  void alertsBecomeCasesWhoseOutcomesAreLabels() {
    String tenant = TestingPluginContext.newTenantId();
    ok(
        plugin.post(
            "/rules/"
                + ok(plugin.post("/rules", tenant, rule("txn.amount >= 1000", "review")))
                    .getString("id")
                + "/enable",
            tenant,
            new JsonObject()));
    Instant at = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
    JsonObject scored =
        ok(plugin.post("/score", tenant, txn("acct-c", 1500, at).put("id", "case-1")));
    assertThat(scored.getString("decision")).isEqualTo("review");
    JsonArray open = ok(plugin.get("/alerts?status=open", tenant)).getJsonArray("data");
    assertThat(open).hasSize(1);
    assertThat(open.getJsonObject(0).getJsonArray("reasons")).isNotEmpty();
    ok(plugin.post("/alerts/case-1/assign", tenant, new JsonObject().put("assignee", "李雷")));
    ok(
        plugin.post(
            "/alerts/case-1/notes",
            tenant,
            new JsonObject().put("text", "Customer did not recognise it")));
    JsonObject closed =
        ok(plugin.post("/alerts/case-1/resolve", tenant, new JsonObject().put("outcome", "fraud")));
    assertThat(closed.getString("status")).isEqualTo("confirmed");
    assertThat(closed.getString("assignee")).isEqualTo("李雷");
    assertThat(closed.getJsonArray("notes")).hasSize(1);
    assertProblem(
        plugin.post("/alerts/case-1/resolve", tenant, new JsonObject().put("outcome", "fraud")),
        409,
        "case_closed",
        "confirmed");
    assertProblem(
        plugin.post("/alerts/case-1/resolve", tenant, new JsonObject().put("outcome", "maybe")),
        400,
        "invalid_field",
        "outcome");
    assertThat(plugin.plugin().tenant(tenant).alerts.labels()).containsEntry("case-1", 1);
    String other = TestingPluginContext.newTenantId();
    assertProblem(plugin.get("/alerts/case-1", other), 404, "not_found", "case-1");
    assertThat(ok(plugin.get("/alerts", other)).getJsonArray("data")).isEmpty();
  }

  @Test
  void rulesCompareAndComputeAcrossIntsAndDoubles() throws Exception {
    Instant at = Instant.parse("2026-01-05T10:00:00Z");
    Transaction round = new TransactionParser(Duration.ZERO).parse(txn("a", 150, at), "", at);
    Transaction odd = new TransactionParser(Duration.ZERO).parse(txn("a", 149.99, at), "", at);
    double[] f = new double[Feature.ALL.size()];
    f[Feature.NEW_MERCHANT.ordinal()] = 1;
    RuleCompiler.Program program =
        RuleCompiler.compile(
            "features.new_merchant && txn.amount >= 100 && txn.amount == double(int(txn.amount / 50.0)) * 50.0");
    assertThat(program.matches(TenantScoring.variables(round, f))).isTrue();
    assertThat(program.matches(TenantScoring.variables(odd, f))).isFalse();
    // A missing attribute fails the evaluation: the rule does not match; has() guards it.
    Rule absent = Rule.fromJson("r", rule("txn.attributes.bin == '453201'", "block"), true);
    assertThat(RuleBook.matches(List.of(absent), round, f)).isEmpty();
    assertThat(
            RuleCompiler.compile("has(txn.attributes.bin) && txn.attributes.bin == '453201'")
                .matches(TenantScoring.variables(round, f)))
        .isFalse();
  }

  static JsonObject rule(String expression, String action) {
    return new JsonObject()
        .put("name", "rule " + action)
        .put("expression", expression)
        .put("action", action);
  }
}
