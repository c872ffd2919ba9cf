package dev.atrium.plugins.fraud;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * A rule replayed over the tenant's scored payments of the last 30 days: how often it would have
 * fired, and on labelled payments how many of its hits were fraud and how much fraud it catches.
 */
final class RuleBacktest {
  static final int DAYS = 30;

  private RuleBacktest() {}

  static JsonObject run(TenantScoring scoring, Rule rule) {
    Map<String, Integer> labels = scoring.alerts.labels();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    TransactionParser parser = new TransactionParser(Duration.ofDays(3650));
    Instant now = Instant.now();
    long[] counts = new long[5]; // evaluated, hits, labelled hits, fraud hits, fraud
    scoring.log.read(
        today.minusDays(DAYS),
        today,
        entry -> {
          Transaction txn = parser.parse(entry.getJsonObject("txn"), "", now);
          boolean hit =
              !RuleBook.matches(java.util.List.of(rule), txn, TransactionLog.features(entry))
                  .isEmpty();
          Integer label = TransactionLog.label(entry, labels);
          counts[0]++;
          counts[1] += hit ? 1 : 0;
          if (label != null) {
            counts[2] += hit ? 1 : 0;
            counts[3] += hit && label == 1 ? 1 : 0;
            counts[4] += label == 1 ? 1 : 0;
          }
        });
    return new JsonObject()
        .put("days", DAYS)
        .put("evaluated", counts[0])
        .put("hits", counts[1])
        .put("hitRate", counts[0] == 0 ? 0.0 : Reasons.round((double) counts[1] / counts[0]))
        .put("labelledHits", counts[2])
        .put("precision", counts[2] == 0 ? null : Reasons.round((double) counts[3] / counts[2]))
        .put("recall", counts[4] == 0 ? null : Reasons.round((double) counts[3] / counts[4]));
  }
}
