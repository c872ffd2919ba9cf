package dev.atrium.plugins.fraud;

import dev.atrium.plugin.api.Document;
import dev.atrium.plugin.api.DocumentStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code ./atrium bench fraud} runs inside its own JVM from the plugin archive (the bench
 * loads this class from the archive's class path): the synthetic generator, the raw in-process
 * scoring of feature vectors, and the ranking metrics. Plain JDK and Vert.x JSON types only.
 */
public final class BenchSupport {
  private BenchSupport() {}

  /**
   * A fraud team's first rules, as the bench and the alert-budget test write them: block obvious
   * card testing; add to the score for a new device with a large amount, round payments at a
   * merchant new to the account, and a burst of large payments.
   */
  public static JsonArray starterRules() {
    return new JsonArray()
        .add(rule("card testing", "features.acct_count_1m >= 4.0 && txn.amount < 5.0", "block", 0))
        .add(
            rule(
                "takeover", "features.new_device && features.amount_to_median > 4.0", "score", 0.2))
        .add(
            rule(
                "round payments",
                "features.new_merchant && txn.amount >= 100.0"
                    + " && txn.amount == double(int(txn.amount / 50.0)) * 50.0",
                "score",
                0.3))
        .add(
            rule(
                "bust-out",
                "features.acct_count_24h >= 5.0 && features.amount_to_median > 3.0",
                "score",
                0.2));
  }

  private static JsonObject rule(String name, String expression, String action, double score) {
    return new JsonObject()
        .put("name", name)
        .put("expression", expression)
        .put("action", action)
        .put("score", score);
  }

  /** Synthetic payments (see {@link SyntheticGenerator}): {@code [{txn, label, pattern}]}. */
  public static JsonArray generate(long seed, int accounts, int days, int incidents, String start) {
    JsonArray out = new JsonArray();
    for (SyntheticGenerator.Generated g :
        SyntheticGenerator.generate(
            new SyntheticGenerator.Params(
                seed, accounts, Math.max(10, accounts / 8), days, incidents, Instant.parse(start)),
            "s" + seed)) {
      out.add(
          new JsonObject().put("txn", g.txn()).put("label", g.label()).put("pattern", g.pattern()));
    }
    return out;
  }

  /**
   * The plugin's scoring without HTTP, storage or logging: the payments' feature vectors are
   * computed once, then {@code concurrency} threads score them (baseline, {@code rules}, decision)
   * for {@code millis}: answers scores per second and p50/p99 in milliseconds.
   */
  public static JsonObject rawScoring(
      JsonArray payments, JsonArray rules, int concurrency, long millis, Executor threads)
      throws InterruptedException {
    FeatureStore features = new FeatureStore(new NoStore());
    RobustBaseline baseline = new RobustBaseline();
    TransactionParser parser = new TransactionParser(Duration.ofDays(3650));
    Instant now = Instant.now();
    List<Transaction> txns = new ArrayList<>();
    List<double[]> vectors = new ArrayList<>();
    for (Object item : payments) {
      Transaction txn = parser.parse(((JsonObject) item).getJsonObject("txn"), "", now);
      double[] f = features.observe(txn);
      baseline.observe(f);
      txns.add(txn);
      vectors.add(f);
    }
    List<Rule> compiled = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      compiled.add(Rule.fromJson("r" + i, rules.getJsonObject(i), true));
    }
    Decision.Thresholds thresholds = FraudSettings.DEFAULTS.thresholds();
    long end = System.nanoTime() + millis * 1_000_000;
    AtomicLong next = new AtomicLong();
    long[][] latencies = new long[concurrency][];
    CountDownLatch done = new CountDownLatch(concurrency);
    long started = System.nanoTime();
    for (int t = 0; t < concurrency; t++) {
      int thread = t;
      threads.execute(
          () -> {
            long[] mine = new long[1 << 16];
            int n = 0;
            while (System.nanoTime() < end) {
              int i = (int) (next.getAndIncrement() % vectors.size());
              long t0 = System.nanoTime();
              RobustBaseline.Result result = baseline.score(vectors.get(i));
              Decision.of(
                  result.score(),
                  RuleBook.matches(compiled, txns.get(i), vectors.get(i)),
                  thresholds);
              Reasons.fromSurprises(result.surprises());
              if (n == mine.length) {
                mine = Arrays.copyOf(mine, n * 2);
              }
              mine[n++] = System.nanoTime() - t0;
            }
            latencies[thread] = Arrays.copyOf(mine, n);
            done.countDown();
          });
    }
    done.await();
    double seconds = (System.nanoTime() - started) / 1e9;
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    return new JsonObject()
        .put("scores", all.length)
        .put("perSecond", all.length / seconds)
        .put("p50Ms", all[all.length / 2] / 1e6)
        .put("p99Ms", all[(int) Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)] / 1e6);
  }

  /** ROC-AUC, PR-AUC, precision and recall at the budget (see {@link Metrics#evaluate}). */
  public static JsonObject evaluate(double[] scores, int[] labels, double budgetPercent) {
    return Metrics.evaluate(scores, labels, budgetPercent, 100, 5);
  }

  /** How strongly the rules of a scored answer flag it (see {@link Backtest#rulesScore}). */
  public static double rulesScore(JsonObject answer) {
    JsonArray hits = answer.getJsonArray("rules");
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < hits.size(); i++) {
      JsonObject hit = hits.getJsonObject(i);
      rules.add(
          new Rule(
              hit.getString("id"),
              hit.getString("name"),
              "true",
              hit.getString("action"),
              hit.getDouble("score"),
              true,
              null));
    }
    return Backtest.rulesScore(rules);
  }

  /**
   * Where the decision puts a scored answer in an alert queue: blocked payments first, then by the
   * score after the rules.
   */
  public static double decisionScore(JsonObject answer) {
    return (answer.getString("decision").equals("block") ? 1 : 0) + answer.getDouble("score");
  }

  /** A store that remembers nothing: the raw scoring keeps its features in memory only. */
  private static final class NoStore implements DocumentStore {
    @Override
    public Future<Document> put(String collection, String id, JsonObject data) {
      return Future.succeededFuture(new Document(collection, id, data, Instant.now()));
    }

    @Override
    public Future<Integer> putAll(String collection, Map<String, JsonObject> documents) {
      return Future.succeededFuture(documents.size());
    }

    @Override
    public Future<Optional<Document>> get(String collection, String id) {
      return Future.succeededFuture(Optional.empty());
    }

    @Override
    public Future<List<Document>> list(
        String collection, String idPrefix, String afterId, int limit) {
      return Future.succeededFuture(List.of());
    }

    @Override
    public Future<Boolean> delete(String collection, String id) {
      return Future.succeededFuture(false);
    }

    @Override
    public Future<Integer> deleteAll(String collection, String idPrefix) {
      return Future.succeededFuture(0);
    }
  }
}
