package dev.atrium.plugins.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.testkit.PluginUnderTest;
import dev.atrium.plugin.testkit.TestingPluginContext;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * History on the testkit: a labelled CSV upload through the tenant's column mapping as a job with
 * progress, bad files refused whole, the backtest and the daily report over what was uploaded.
 */
final class FraudHistoryTest {
  private static TestingPluginContext context;
  private static PluginUnderTest<FraudPlugin> plugin;
  private static String tenant;
  private static List<SyntheticGenerator.Generated> history;
  private static final String HEADER =
      "txn_id,amt,ccy,when,cust,shop,category,channel,device,country,lat,lon,is_fraud\n";

  @BeforeAll
  static void uploadTwoWeeks() throws Exception {
    context = new TestingPluginContext("fraud");
    plugin = PluginUnderTest.start(context, FraudPlugin.class);
    tenant = TestingPluginContext.newTenantId();
    context.setSettings(
        tenant,
        new JsonObject()
            .put(
                "csvColumns",
                new JsonObject()
                    .put("id", "txn_id")
                    .put("amount", "amt")
                    .put("currency", "ccy")
                    .put("timestamp", "when")
                    .put("account", "cust")
                    .put("merchant", "shop")
                    .put("label", "is_fraud")));
    Instant start = HistoryStart.instantMondayBefore(15);
    history =
        SyntheticGenerator.generate(new SyntheticGenerator.Params(3, 150, 20, 14, 2, start), "h");
    StringBuilder csv = new StringBuilder(HEADER);
    for (SyntheticGenerator.Generated g : history) {
      JsonObject t = g.txn();
      csv.append(
              String.join(
                  ",",
                  t.getString("id"),
                  String.valueOf(t.getDouble("amount")),
                  t.getString("currency"),
                  t.getString("timestamp"),
                  t.getString("account"),
                  "\"" + t.getString("merchant") + "\"",
                  t.getString("category"),
                  t.getString("channel"),
                  t.getString("device"),
                  t.getString("country"),
                  String.valueOf(t.getDouble("lat")),
                  String.valueOf(t.getDouble("lon")),
                  g.label() == 1 ? "fraud" : "0"))
          .append('\n');
    }
    JsonObject accepted = upload(csv.toString(), 202);
    assertThat(accepted.getInteger("rows")).isEqualTo(history.size());
    JsonObject job = await(accepted.getJsonObject("job").getString("id"));
    assertThat(job.getString("state")).as(job.encode()).isEqualTo("succeeded");
    assertThat(job.getString("message")).contains("of " + history.size() + " rows");
  }

  @AfterAll
  static void stop() {
    plugin.close();
    context.close();
  }

  static JsonObject upload(String csv, int status) {
    PluginResponse response = plugin.call(HttpMethod.POST, "/uploads", tenant, Buffer.buffer(csv));
    assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
    return response.body().toJsonObject();
  }

  static JsonObject await(String jobId) throws InterruptedException {
    for (int i = 0; i < 3000; i++) {
      JsonObject job = plugin.get("/jobs/" + jobId, tenant).body().toJsonObject();
      if (!job.getString("state").equals("running") && !job.getString("state").equals("queued")) {
        return job;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("job " + jobId + " did not finish");
  }

  @Test
  void badFilesAreRefusedWholeWithTheirLine() {
    long before = plugin.plugin().tenant(tenant).log.recent(0, 1000).size();
    String row = "x1,12.5,EUR,2026-01-02T10:00:00Z,a1,m1,grocery,pos,d1,DE,52.5,13.4,0\n";
    assertThat(upload("", 400).getString("code")).isEqualTo("empty_upload");
    JsonObject quote =
        upload(
            HEADER
                + row
                + "x2,\"12.5,EUR,2026-01-02T10:00:00Z,a1,m1,grocery,pos,d1,DE,52.5,13.4,0\n",
            400);
    assertThat(quote.getString("code")).isEqualTo("malformed_csv");
    assertThat(quote.getString("detail")).contains("line 3");
    assertThat(upload(HEADER + row + "x2,12.5,EUR\n", 400).getString("detail")).contains("row 3");
    JsonObject amount = upload(HEADER + row + row.replace("x1,12.5", "x2,-3"), 400);
    assertThat(amount.getString("code")).isEqualTo("invalid_amount");
    assertThat(amount.getString("detail")).contains("row 3.amount");
    assertThat(upload(HEADER + row.replace(",EUR,", ",EURO,"), 400).getString("code"))
        .isEqualTo("invalid_currency");
    assertThat(upload(HEADER + row.replace(",0\n", ",perhaps\n"), 400).getString("detail"))
        .contains("label");
    assertThat(upload("amount,currency\n1,EUR\n", 400).getString("detail"))
        .contains("'amt' for 'amount'");
    assertThat(plugin.plugin().tenant(tenant).log.recent(0, 1000)).hasSize((int) before);
  }

  @Test
  void theBacktestMeasuresTheDecisionsAgainstTheUploadedLabels() {
    JsonObject result =
        plugin
            .post("/backtest", tenant, new JsonObject().put("days", 30).put("budgetPercent", 2))
            .body()
            .toJsonObject();
    JsonObject decisions = result.getJsonObject("decisions");
    assertThat(result.getInteger("labelled")).isEqualTo(history.size());
    assertThat(decisions.getLong("frauds"))
        .isEqualTo(history.stream().filter(g -> g.label() == 1).count());
    assertThat(decisions.getDouble("rocAuc")).isGreaterThan(0.85);
    assertThat(decisions.getDouble("recallAtBudget")).isGreaterThan(0.3);
    assertThat(decisions.getJsonArray("costCurve")).hasSize(7);
    assertThat(plugin.post("/backtest", tenant, new JsonObject().put("budgetPercent", 0)).status())
        .isEqualTo(400);
    assertThat(
            plugin.post("/backtest", TestingPluginContext.newTenantId(), new JsonObject()).status())
        .isEqualTo(409);
  }

  @Test
  void theDailyReportSumsADayInEnglishAndChineseAndIsMeteredOnce() {
    LocalDate day =
        LocalDate.ofInstant(history.get(history.size() / 2).timestamp(), ZoneOffset.UTC);
    long expected =
        history.stream()
            .filter(g -> LocalDate.ofInstant(g.timestamp(), ZoneOffset.UTC).equals(day))
            .count();
    // Counted from here: the tenant's own job meters yesterday's report when a test crosses
    // midnight.
    long reportsBefore = context.usage().total(tenant, FraudPlugin.REPORTS);
    JsonObject report = plugin.get("/reports/daily?date=" + day, tenant).body().toJsonObject();
    assertThat(report.getLong("transactions")).isEqualTo(expected);
    assertThat(
            report.getJsonArray("scoreHistogram").stream()
                .mapToLong(n -> ((Number) n).longValue())
                .sum())
        .isEqualTo(expected);
    assertThat(report.getJsonObject("summary").getString("en"))
        .contains(expected + " transactions");
    assertThat(report.getJsonObject("summary").getString("zh"))
        .contains("共评分 " + expected + " 笔交易");
    assertThat(report.getJsonObject("drift").getString("reference")).isEqualTo("previous 7 days");
    assertThat(report.getJsonObject("drift").getJsonArray("features")).isNotEmpty();
    plugin.get("/reports/daily?date=" + day, tenant);
    assertThat(context.usage().total(tenant, FraudPlugin.REPORTS)).isEqualTo(reportsBefore + 1);
    assertThat(plugin.get("/reports/daily?date=yesterday", tenant).status()).isEqualTo(400);
  }

  @Test
  void trainingWithoutATabularEngineIsRefusedClearly() {
    PluginResponse refused = plugin.post("/models/train", tenant, new JsonObject());
    if (refused.status() == 202) {
      return; // this host has the tabular engine: FraudModelTest covers training
    }
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.body().toJsonObject().getString("code"))
        .isEqualTo("tabular_models_unavailable");
  }
}
