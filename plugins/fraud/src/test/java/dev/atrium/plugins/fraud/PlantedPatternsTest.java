package dev.atrium.plugins.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.plugin.testkit.PluginUnderTest;
import dev.atrium.plugin.testkit.TestingPluginContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three weeks of synthetic payments with planted fraud, scored through the batch endpoint with no
 * labels and no rules: the unsupervised score catches the planted patterns, each with the reason an
 * analyst expects on top.
 */
final class PlantedPatternsTest {
  private static TestingPluginContext context;
  private static PluginUnderTest<FraudPlugin> plugin;
  private static final List<SyntheticGenerator.Generated> payments = new ArrayList<>();
  private static final List<JsonObject> answers = new ArrayList<>();

  @BeforeAll
  static void scoreAThreeWeekHistory() {
    context = new TestingPluginContext("fraud");
    plugin = PluginUnderTest.start(context, FraudPlugin.class);
    String tenant = TestingPluginContext.newTenantId();
    Instant start = HistoryStart.instantMondayBefore(22);
    payments.addAll(
        SyntheticGenerator.generate(new SyntheticGenerator.Params(7, 300, 40, 21, 4, start), "p"));
    for (int from = 0; from < payments.size(); from += 1000) {
      JsonArray batch = new JsonArray();
      payments
          .subList(from, Math.min(payments.size(), from + 1000))
          .forEach(g -> batch.add(g.txn()));
      var response =
          plugin.post("/score/batch", tenant, new JsonObject().put("transactions", batch));
      assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
      response.body().toJsonObject().getJsonArray("data").forEach(a -> answers.add((JsonObject) a));
    }
  }

  @AfterAll
  static void stop() {
    plugin.close();
    context.close();
  }

  @Test
  void cardTestingIsCaughtForItsVelocity() {
    List<JsonObject> burst = answersOf("card_testing", a -> feature(a, "acct_count_1m") >= 4);
    assertThat(burst).hasSizeGreaterThan(10);
    assertThat(share(burst, a -> !a.getString("decision").equals("allow"))).isGreaterThan(0.9);
    Set<String> velocity = Set.of("acct_count_1m", "acct_count_1h", "device_count_1h");
    assertThat(share(burst, a -> velocity.contains(topReason(a)))).isGreaterThan(0.9);
    assertThat(share(burst, a -> topReason(a).equals("acct_count_1m"))).isGreaterThan(0.6);
  }

  @Test
  void accountTakeoverIsCaughtForTheNewDeviceAndTheAmount() {
    // A takeover of an account with a history (a brand-new account has no habits to break).
    List<JsonObject> takeovers =
        answersOf("account_takeover", a -> feature(a, "account_txns") >= 3);
    assertThat(takeovers).isNotEmpty();
    assertThat(share(takeovers, a -> !a.getString("decision").equals("allow"))).isGreaterThan(0.8);
    Set<String> expected =
        Set.of(
            "amount_zscore",
            "amount_to_median",
            "new_device",
            "new_country",
            "geo_km",
            "geo_speed_kmh");
    assertThat(share(takeovers, a -> expected.contains(topReason(a)))).isGreaterThan(0.85);
    assertThat(takeovers.get(0).getJsonArray("reasons").getJsonObject(0).getString("zh"))
        .matches("(?s).*\\p{IsHan}.*");
  }

  @Test
  void theUnsupervisedScoreRanksFraudAboveNormalTraffic() {
    double[] scores = answers.stream().mapToDouble(a -> a.getDouble("score")).toArray();
    int[] labels = payments.stream().mapToInt(SyntheticGenerator.Generated::label).toArray();
    double auc = Metrics.rocAuc(scores, labels);
    System.out.printf(
        "unsupervised on %d synthetic payments (%d fraud): ROC-AUC %.3f, PR-AUC %.3f, recall at 1%% %.3f%n",
        scores.length,
        java.util.Arrays.stream(labels).sum(),
        auc,
        Metrics.prAuc(scores, labels),
        Metrics.recallAt(scores, labels, 1));
    assertThat(auc).isGreaterThan(0.85);
  }

  private static List<JsonObject> answersOf(
      String pattern, java.util.function.Predicate<JsonObject> filter) {
    List<JsonObject> out = new ArrayList<>();
    for (int i = 0; i < payments.size(); i++) {
      if (payments.get(i).pattern().equals(pattern) && filter.test(answers.get(i))) {
        out.add(answers.get(i));
      }
    }
    return out;
  }

  private static double feature(JsonObject answer, String name) {
    return answer.getJsonObject("features").getDouble(name);
  }

  private static String topReason(JsonObject answer) {
    JsonArray reasons = answer.getJsonArray("reasons");
    return reasons.isEmpty() ? "" : reasons.getJsonObject(0).getString("feature");
  }

  private static double share(
      List<JsonObject> items, java.util.function.Predicate<JsonObject> test) {
    Map<Boolean, Long> split =
        items.stream().collect(Collectors.partitioningBy(test::test, Collectors.counting()));
    return (double) split.get(true) / items.size();
  }
}
