package dev.atrium.plugins.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.plugin.api.JobProgress;
import dev.atrium.plugin.testkit.PluginUnderTest;
import dev.atrium.plugin.testkit.TestingPluginContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a fraud team judges the product by: how much fraud its analysts catch when they can review
 * only the top 1% of payments. A labelled synthetic month with the starter rules trains a model; on
 * the next month the decision that combines the model and the rules must catch more than either
 * alone.
 */
final class AlertBudgetTest {
  private static final double BUDGET_PERCENT = 1;
  private static TestingPluginContext context;
  private static PluginUnderTest<FraudPlugin> plugin;
  private static final List<Integer> labels = new ArrayList<>();
  private static final List<JsonObject> answers = new ArrayList<>();

  @BeforeAll
  static void learnAMonthAndScoreTheNext() {
    context = new TestingPluginContext("fraud");
    plugin = PluginUnderTest.start(context, FraudPlugin.class);
    String tenant = TestingPluginContext.newTenantId();
    Instant start = HistoryStart.instantMondayBefore(61);
    Instant split = start.plus(Duration.ofDays(30));
    List<CsvUpload.Row> history = new ArrayList<>();
    List<SyntheticGenerator.Generated> heldOut = new ArrayList<>();
    TransactionParser parser = new TransactionParser(Duration.ZERO);
    for (SyntheticGenerator.Generated g :
        SyntheticGenerator.generate(
            new SyntheticGenerator.Params(11, 500, 62, 60, 6, start), "budget")) {
      if (g.timestamp().isBefore(split)) {
        history.add(new CsvUpload.Row(parser.parse(g.txn(), "", Instant.now()), g.label()));
      } else {
        heldOut.add(g);
      }
    }
    CsvUpload.run(plugin.plugin().tenant(tenant), history, new Silent());
    for (Object rule : BenchSupport.starterRules()) {
      String id =
          plugin.post("/rules", tenant, (JsonObject) rule).body().toJsonObject().getString("id");
      assertThat(plugin.post("/rules/" + id + "/enable", tenant, new JsonObject()).status())
          .isEqualTo(200);
    }
    JsonObject trained =
        plugin
            .plugin()
            .tenant(tenant)
            .models
            .train(90, dev.atrium.plugin.api.tabular.TrainingParams.defaults(), new Silent());
    System.out.println(
        "alert budget: model trained, validation " + trained.getJsonObject("metrics"));
    assertThat(plugin.post("/models/v1/promote", tenant, new JsonObject()).status()).isEqualTo(200);
    for (int from = 0; from < heldOut.size(); from += 1000) {
      JsonArray batch = new JsonArray();
      heldOut.subList(from, Math.min(heldOut.size(), from + 1000)).forEach(g -> batch.add(g.txn()));
      JsonObject scored =
          plugin
              .post("/score/batch", tenant, new JsonObject().put("transactions", batch))
              .body()
              .toJsonObject();
      scored.getJsonArray("data").forEach(a -> answers.add((JsonObject) a));
    }
    heldOut.forEach(g -> labels.add(g.label()));
  }

  @AfterAll
  static void stop() {
    plugin.close();
    context.close();
  }

  @Test
  void theCombinedDecisionCatchesMoreThanTheModelOrTheRulesAlone() {
    double model = recall(a -> a.getDouble("baseScore"), "model only");
    double rules = recall(BenchSupport::rulesScore, "rules only");
    double both = recall(BenchSupport::decisionScore, "both");
    assertThat(answers).allMatch(a -> a.getString("source").equals("model:v1"));
    assertThat(both).isGreaterThan(Math.max(model, rules));
  }

  private static double recall(java.util.function.ToDoubleFunction<JsonObject> score, String name) {
    double[] scores = answers.stream().mapToDouble(score).toArray();
    int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
    JsonObject m = BenchSupport.evaluate(scores, y, BUDGET_PERCENT);
    System.out.printf(
        "alert budget, %-10s on %d payments (%d fraud): ROC-AUC %.3f, PR-AUC %.3f, recall at 1%% %.3f%n",
        name,
        y.length,
        m.getLong("frauds"),
        m.getDouble("rocAuc"),
        m.getDouble("prAuc"),
        m.getDouble("recallAtBudget"));
    return m.getDouble("recallAtBudget");
  }

  /** Progress nobody watches. */
  private static final class Silent implements JobProgress {
    @Override
    public void update(double fraction, String message) {}

    @Override
    public boolean cancelled() {
      return false;
    }
  }
}
