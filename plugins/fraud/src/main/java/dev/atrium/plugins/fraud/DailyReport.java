package dev.atrium.plugins.fraud;

import dev.atrium.plugin.api.Document;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A tenant's day in numbers, in English and Chinese: volumes, score distribution, decisions and
 * alerts, confirmed fraud, the rules and reasons that fired most, and how far each feature drifted
 * from the promoted model's training rows (or, without a model, from the seven days before).
 */
final class DailyReport {
  static final String COLLECTION = "reports";
  private static final int BINS = 10;

  private DailyReport() {}

  static JsonObject build(TenantScoring scoring, LocalDate day) {
    Map<String, Integer> outcomes = scoring.alerts.labels();
    long[] histogram = new long[BINS];
    Map<String, Long> decisions = new TreeMap<>(Map.of("allow", 0L, "review", 0L, "block", 0L));
    Map<String, Double> amounts = new TreeMap<>();
    Map<String, Long> ruleHits = new HashMap<>();
    Map<String, Long> reasons = new HashMap<>();
    List<double[]> features = new ArrayList<>();
    long[] fraud = new long[1];
    scoring.log.read(
        day,
        day,
        entry -> {
          double s = entry.getDouble("s");
          histogram[Math.min(BINS - 1, (int) (s * BINS))]++;
          decisions.merge(entry.getString("a"), 1L, Long::sum);
          JsonObject txn = entry.getJsonObject("txn");
          amounts.merge(txn.getString("currency"), txn.getDouble("amount"), Double::sum);
          entry.getJsonArray("r").forEach(id -> ruleHits.merge((String) id, 1L, Long::sum));
          JsonArray why = entry.getJsonArray("why");
          if (!why.isEmpty()) {
            reasons.merge(why.getString(0), 1L, Long::sum);
          }
          Integer label = TransactionLog.label(entry, outcomes);
          fraud[0] += label != null && label == 1 ? 1 : 0;
          features.add(TransactionLog.features(entry));
        });
    long total = features.size();
    long alerts = decisions.get("review") + decisions.get("block");
    Drift drift = drift(scoring, day, features);
    JsonArray driftItems = FeatureProfile.drift(drift.reference(), features);
    long drifted =
        driftItems.stream()
            .filter(d -> "drifted".equals(((JsonObject) d).getString("level")))
            .count();
    JsonObject amountJson = new JsonObject();
    amounts.forEach((currency, sum) -> amountJson.put(currency, Reasons.round(sum)));
    return new JsonObject()
        .put("date", day.toString())
        .put("transactions", total)
        .put("amounts", amountJson)
        .put("decisions", new JsonObject(new HashMap<>(decisions)))
        .put("alerts", alerts)
        .put("confirmedFraud", fraud[0])
        .put(
            "scoreHistogram",
            new JsonArray(
                java.util.Arrays.stream(histogram).boxed().map(Object.class::cast).toList()))
        .put("topRules", topRules(scoring, ruleHits))
        .put("topReasons", topReasons(reasons))
        .put("drift", new JsonObject().put("reference", drift.name()).put("features", driftItems))
        .put(
            "summary",
            new JsonObject()
                .put(
                    "en",
                    String.format(
                        java.util.Locale.ROOT,
                        "%s: %d transactions scored, %d alerts (%.2f%%), %d confirmed fraud; %d features drifted from %s.",
                        day,
                        total,
                        alerts,
                        total == 0 ? 0.0 : 100.0 * alerts / total,
                        fraud[0],
                        drifted,
                        drift.name()))
                .put(
                    "zh",
                    String.format(
                        java.util.Locale.ROOT,
                        "%s：共评分 %d 笔交易，告警 %d 笔（%.2f%%），确认欺诈 %d 笔；相对%s有 %d 个特征发生漂移。",
                        day,
                        total,
                        alerts,
                        total == 0 ? 0.0 : 100.0 * alerts / total,
                        fraud[0],
                        drift.name().startsWith("training") ? "训练集（" + drift.name() + "）" : "前七天",
                        drifted)));
  }

  private record Drift(String name, JsonObject reference) {}

  private static Drift drift(TenantScoring scoring, LocalDate day, List<double[]> today) {
    Optional<TenantScoring.ServedModel> model = scoring.model();
    if (model.isPresent()) {
      Optional<Document> doc =
          scoring
              .services()
              .documents()
              .get(ModelVersions.COLLECTION, model.get().version())
              .await();
      if (doc.isPresent() && doc.get().data().containsKey("profile")) {
        return new Drift(
            "training " + model.get().version(), doc.get().data().getJsonObject("profile"));
      }
    }
    List<double[]> before = new ArrayList<>();
    scoring.log.read(
        day.minusDays(7), day.minusDays(1), e -> before.add(TransactionLog.features(e)));
    return new Drift("previous 7 days", FeatureProfile.of(before.isEmpty() ? today : before));
  }

  private static JsonArray topRules(TenantScoring scoring, Map<String, Long> hits) {
    Map<String, String> names = new HashMap<>();
    RuleBook.all(scoring.services().documents()).forEach(r -> names.put(r.id(), r.name()));
    JsonArray out = new JsonArray();
    hits.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(5)
        .forEach(
            e ->
                out.add(
                    new JsonObject()
                        .put("id", e.getKey())
                        .put("name", names.getOrDefault(e.getKey(), "(deleted)"))
                        .put("hits", e.getValue())));
    return out;
  }

  private static JsonArray topReasons(Map<String, Long> reasons) {
    JsonArray out = new JsonArray();
    reasons.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(5)
        .forEach(
            e -> {
              Feature feature = Feature.byId(e.getKey());
              out.add(
                  new JsonObject()
                      .put("feature", e.getKey())
                      .put("count", e.getValue())
                      .put("en", feature.describe("en"))
                      .put("zh", feature.describe("zh")));
            });
    return out;
  }
}
