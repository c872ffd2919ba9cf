package dev.atrium.plugins.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.testkit.PluginUnderTest;
import dev.atrium.plugin.testkit.TestingPluginContext;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model path, which needs the host's tabular engine (SDK 1.5.0 {@code tabularModels()} in the
 * testkit): train from labelled synthetic history, promote, score with SHAP reasons, roll back, and
 * keep tenants apart. Skipped, saying so, on a testkit without the engine.
 */
final class FraudModelTest {
  private static TestingPluginContext context;
  private static PluginUnderTest<FraudPlugin> plugin;
  private static String tenant;

  /** Four weeks from a Monday, ending yesterday at the latest. */
  private static final LocalDate HISTORY_START = HistoryStart.mondayBefore(29);

  @BeforeAll
  static void start() throws Exception {
    context = new TestingPluginContext("fraud");
    plugin = PluginUnderTest.start(context, FraudPlugin.class);
    tenant = TestingPluginContext.newTenantId();
    JsonObject demo =
        plugin
            .post(
                "/demo",
                tenant,
                new JsonObject()
                    .put("days", 28)
                    .put("accounts", 500)
                    .put("seed", 5)
                    .put("start", HISTORY_START.toString()))
            .body()
            .toJsonObject();
    assertThat(await(demo.getString("id")).getString("state")).isEqualTo("succeeded");
  }

  @AfterAll
  static void stop() {
    if (plugin != null) {
      plugin.close();
    }
    context.close();
  }

  private static JsonObject await(String jobId) throws InterruptedException {
    for (int i = 0; i < 6000; i++) {
      JsonObject job = plugin.get("/jobs/" + jobId, tenant).body().toJsonObject();
      if (!job.getString("state").equals("running") && !job.getString("state").equals("queued")) {
        return job;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("job " + jobId + " did not finish");
  }

  @Test
  void aTrainedVersionIsPromotedScoresWithShapReasonsAndRollsBack() throws Exception {
    PluginResponse started = plugin.post("/models/train", tenant, new JsonObject().put("days", 60));
    assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
    JsonObject job = await(started.body().toJsonObject().getString("id"));
    assertThat(job.getString("state")).as(job.encode()).isEqualTo("succeeded");
    JsonObject versions = plugin.get("/models", tenant).body().toJsonObject();
    JsonObject v1 = versions.getJsonArray("data").getJsonObject(0);
    assertThat(v1.getString("version")).isEqualTo("v1");
    double auc = v1.getJsonObject("metrics").getDouble("rocAuc");
    System.out.println(
        "fraud model v1 on synthetic history: validation ROC-AUC "
            + auc
            + ", PR-AUC "
            + v1.getJsonObject("metrics").getDouble("prAuc"));
    assertThat(auc).isGreaterThan(0.85);
    assertThat(plugin.post("/models/v1/promote", tenant, new JsonObject()).status()).isEqualTo(200);

    // Card testing as fraudsters do it: small online payments at one merchant after another from
    // a device the card never used, on a card of the synthetic history (acct-7), the afternoon
    // after the history: the same payments and the same model whenever the test runs.
    Instant at = HISTORY_START.plusDays(28).atTime(14, 0).toInstant(ZoneOffset.UTC);
    List<JsonObject> burst = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      burst.add(
          plugin
              .post(
                  "/score",
                  tenant,
                  FraudScoringTest.txn("acct-7", 1.5, at.plusSeconds(i * 5L))
                      .put("id", "ct" + i)
                      .put("merchant", "m-" + i)
                      .put("channel", "online")
                      .put("device", "d-unknown"))
              .body()
              .toJsonObject());
    }
    JsonObject flagged =
        burst.stream().max(Comparator.comparingDouble(a -> a.getDouble("score"))).orElseThrow();
    System.out.println(
        "card-testing burst scored "
            + burst.stream().map(a -> a.getDouble("score").toString()).toList());
    assertThat(burst).allMatch(a -> a.getString("source").equals("model:v1"));
    assertThat(flagged.getDouble("score")).isGreaterThan(0.5);
    JsonObject reason = flagged.getJsonArray("reasons").getJsonObject(0);
    assertThat(reason.getDouble("contribution")).isPositive();
    assertThat(reason.getString("zh")).matches("(?s).*\\p{IsHan}.*");

    String other = TestingPluginContext.newTenantId();
    assertThat(
            plugin
                .post("/score", other, FraudScoringTest.txn("demo-victim", 1.5, at))
                .body()
                .toJsonObject()
                .getString("source"))
        .isEqualTo("unsupervised");
    assertThat(plugin.get("/models", other).body().toJsonObject().getJsonArray("data")).isEmpty();
    assertThat(plugin.post("/models/v1/promote", other, new JsonObject()).status()).isEqualTo(404);

    assertThat(plugin.post("/models/rollback", tenant, new JsonObject()).status()).isEqualTo(200);
    assertThat(
            plugin
                .post(
                    "/score",
                    tenant,
                    FraudScoringTest.txn("demo-victim", 1.5, at.plusSeconds(60)).put("id", "after"))
                .body()
                .toJsonObject()
                .getString("source"))
        .isEqualTo("unsupervised");
  }
}
