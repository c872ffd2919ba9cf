package dev.atrium.plugins.fraud;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replays the tenant's labelled payments of the last {@code days} days: the decisions' scores as
 * logged (model or unsupervised score plus rules) against the enabled rules alone, each with
 * ROC-AUC, PR-AUC, precision and recall at the alert budget and a cost curve from the tenant's
 * costs.
 */
final class Backtest {
  private Backtest() {}

  /**
   * How strongly the rules alone flag a payment: block 1, review 0.75, else the sum of score rules.
   */
  static double rulesScore(List<Rule> hits) {
    double score = 0;
    for (Rule rule : hits) {
      switch (rule.action()) {
        case "block" -> score = Math.max(score, 1);
        case "review" -> score = Math.max(score, 0.75);
        case "allow" -> {}
        default -> score += rule.score() / 2;
      }
    }
    return Math.max(0, Math.min(1, score));
  }

  static JsonObject run(TenantScoring scoring, int days, double budgetPercent) {
    Map<String, Integer> outcomes = scoring.alerts.labels();
    List<Rule> rules = scoring.rules();
    TransactionParser parser = new TransactionParser(Duration.ofDays(3650));
    Instant now = Instant.now();
    List<double[]> scores = new ArrayList<>(); // final, rules only
    List<Integer> labels = new ArrayList<>();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    scoring.log.read(
        today.minusDays(days),
        today,
        entry -> {
          Integer label = TransactionLog.label(entry, outcomes);
          if (label == null) {
            return;
          }
          Transaction txn = parser.parse(entry.getJsonObject("txn"), "", now);
          double rulesOnly =
              rulesScore(RuleBook.matches(rules, txn, TransactionLog.features(entry)));
          scores.add(new double[] {entry.getDouble("s"), rulesOnly});
          labels.add(label);
        });
    if (labels.isEmpty()) {
      throw new FraudProblem(
          409,
          "no_labels",
          "No labelled payment in the last "
              + days
              + " days: upload labelled history or close cases first.");
    }
    int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
    FraudSettings settings = scoring.settings();
    return new JsonObject()
        .put("days", days)
        .put("labelled", y.length)
        .put(
            "decisions",
            Metrics.evaluate(
                column(scores, 0),
                y,
                budgetPercent,
                settings.missedFraudCost(),
                settings.reviewCost()))
        .put(
            "rulesOnly",
            Metrics.evaluate(
                column(scores, 1),
                y,
                budgetPercent,
                settings.missedFraudCost(),
                settings.reviewCost()));
  }

  private static double[] column(List<double[]> rows, int at) {
    return rows.stream().mapToDouble(r -> r[at]).toArray();
  }
}
