package dev.atrium.plugins.fraud;

import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.TenantServices;
import dev.atrium.plugin.api.inference.TabularRequest;
import dev.atrium.plugin.api.inference.TabularResult;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One tenant's scoring: features, the unsupervised baseline or the promoted model, the enabled
 * rules, the decision, the log and alerts. Shared by the single and batch endpoints and uploads, so
 * the same payment gets the same answer whichever way it came.
 */
final class TenantScoring {
  private static final Duration MODEL_TIMEOUT = Duration.ofSeconds(5);
  private static final long SETTINGS_TTL_NANOS = Duration.ofSeconds(5).toNanos();

  private final PluginContext context;
  private final String tenantId;
  private final TenantServices services;
  final FeatureStore features;
  final RobustBaseline baseline = new RobustBaseline();
  final TransactionLog log;
  final Alerts alerts;
  final ModelVersions models;
  private volatile boolean restored;
  private volatile List<Rule> rules;
  private volatile Optional<ServedModel> model = Optional.empty();
  private volatile FraudSettings settings;
  private volatile long settingsAt;

  /** The model version scoring this tenant's payments, as the pool serves it. */
  record ServedModel(String version, String modelId, List<String> featureNames) {}

  /** A payment's answer. */
  record Scored(
      Transaction txn,
      double[] features,
      double baseScore,
      Decision decision,
      String source,
      List<Reasons.Part> reasons) {

    JsonObject toJson() {
      JsonObject f = new JsonObject();
      for (Feature feature : Feature.ALL) {
        f.put(feature.id(), Reasons.round(features[feature.ordinal()]));
      }
      return new JsonObject()
          .put("id", txn.id())
          .put("score", Reasons.round(decision.score()))
          .put("baseScore", Reasons.round(baseScore))
          .put("decision", decision.action())
          .put("source", source)
          .put("reasons", Reasons.toJson(reasons, features))
          .put(
              "rules",
              new io.vertx.core.json.JsonArray(
                  decision.hits().stream()
                      .map(
                          r ->
                              (Object)
                                  new JsonObject()
                                      .put("id", r.id())
                                      .put("name", r.name())
                                      .put("action", r.action())
                                      .put("score", r.score()))
                      .toList()))
          .put("features", f);
    }
  }

  TenantScoring(PluginContext context, String tenantId) {
    this.context = context;
    this.tenantId = tenantId;
    this.services = context.tenant(tenantId);
    this.features = new FeatureStore(services.documents());
    this.log = new TransactionLog(services.documents());
    this.alerts = new Alerts(services.documents());
    this.models = new ModelVersions(context, this);
  }

  String tenantId() {
    return tenantId;
  }

  TenantServices services() {
    return services;
  }

  FraudSettings settings() {
    long now = System.nanoTime();
    FraudSettings current = settings;
    if (current == null || now - settingsAt > SETTINGS_TTL_NANOS) {
      current = FraudSettings.from(services.settings().await());
      settings = current;
      settingsAt = now;
    }
    return current;
  }

  List<Rule> rules() {
    List<Rule> current = rules;
    if (current == null) {
      current = RuleBook.load(services.documents());
      rules = current;
    }
    return current;
  }

  void useRules(List<Rule> enabled) {
    rules = List.copyOf(enabled);
  }

  Optional<ServedModel> model() {
    return model;
  }

  void useModel(Optional<ServedModel> served) {
    model = served;
  }

  /**
   * Scores payments in order: features (recording each), then one model call for all of them when a
   * model is promoted, then rules and decisions; logs them and, when {@code live}, opens alerts.
   */
  List<Scored> score(List<Transaction> txns, boolean live) {
    return score(txns, live, null);
  }

  /** As {@link #score(List, boolean)}, logging each payment's known label (null = none). */
  List<Scored> score(List<Transaction> txns, boolean live, List<Integer> labels) {
    if (!restored) {
      restored = true;
      try {
        models.restore();
      } catch (RuntimeException e) {
        context
            .logger()
            .warn(
                "fraud: tenant {} scores unsupervised, its promoted model did not load: {}",
                tenantId,
                e.toString());
      }
    }
    List<double[]> vectors = new ArrayList<>(txns.size());
    for (Transaction txn : txns) {
      double[] f = features.observe(txn);
      vectors.add(f);
    }
    Optional<ServedModel> served = model;
    TabularResult modelResult = served.map(m -> modelScores(m, vectors)).orElse(null);
    List<Rule> enabled = rules();
    FraudSettings current = settings();
    List<Scored> out = new ArrayList<>(txns.size());
    for (int i = 0; i < txns.size(); i++) {
      Transaction txn = txns.get(i);
      double[] f = vectors.get(i);
      double base;
      String source;
      List<Reasons.Part> reasons;
      RobustBaseline.Result unsupervised = baseline.score(f);
      baseline.observe(f);
      if (modelResult != null) {
        base = modelResult.scores()[i];
        source = "model:" + served.get().version();
        reasons =
            modelResult.contributions().isEmpty()
                ? Reasons.fromSurprises(unsupervised.surprises())
                : Reasons.fromContributions(
                    modelResult.contributions().get(i), served.get().featureNames());
      } else {
        base = unsupervised.score();
        source = "unsupervised";
        reasons = Reasons.fromSurprises(unsupervised.surprises());
      }
      Decision decision =
          Decision.of(base, RuleBook.matches(enabled, txn, f), current.thresholds());
      Scored scored = new Scored(txn, f, base, decision, source, reasons);
      JsonObject entry = logEntry(scored);
      if (labels != null && labels.get(i) != null) {
        entry.put("y", labels.get(i));
      }
      log.append(entry);
      if (live && !decision.action().equals("allow")) {
        alerts.open(scored);
      }
      out.add(scored);
    }
    return out;
  }

  private TabularResult modelScores(ServedModel served, List<double[]> vectors) {
    List<float[]> rows = new ArrayList<>(vectors.size());
    for (double[] f : vectors) {
      rows.add(ModelColumns.row(f, served.featureNames()));
    }
    return context
        .inference()
        .score(TabularRequest.of(tenantId, served.modelId(), rows, true, MODEL_TIMEOUT))
        .await();
  }

  private static JsonObject logEntry(Scored scored) {
    io.vertx.core.json.JsonArray f = new io.vertx.core.json.JsonArray();
    for (double v : scored.features()) {
      f.add(Reasons.round(v));
    }
    io.vertx.core.json.JsonArray hits = new io.vertx.core.json.JsonArray();
    scored.decision().hits().forEach(r -> hits.add(r.id()));
    return new JsonObject()
        .put("t", scored.txn().timestamp().toEpochMilli())
        .put("txn", scored.txn().toJson())
        .put("f", f)
        .put("s", Reasons.round(scored.decision().score()))
        .put("a", scored.decision().action())
        .put("src", scored.source())
        .put("r", hits)
        .put(
            "why",
            new io.vertx.core.json.JsonArray(
                scored.reasons().stream().map(r -> (Object) r.feature().id()).toList()));
  }

  /** The variables a rule sees for one payment. */
  static Map<String, Object> variables(Transaction txn, double[] f) {
    Map<String, Object> t = new HashMap<>();
    t.put("id", txn.id());
    t.put("amount", txn.amount());
    t.put("currency", txn.currency());
    t.put("timestamp", txn.timestamp().toString());
    t.put("account", txn.account());
    t.put("merchant", txn.merchant());
    t.put("category", txn.category());
    t.put("channel", txn.channel());
    t.put("device", txn.device());
    t.put("ip", txn.ip());
    t.put("country", txn.country());
    t.put("lat", txn.lat().orElse(Double.NaN));
    t.put("lon", txn.lon().orElse(Double.NaN));
    Map<String, Object> attributes = new HashMap<>();
    txn.attributes()
        .forEach(
            e ->
                attributes.put(
                    e.getKey(),
                    e.getValue() instanceof Number n && !(n instanceof Double)
                        ? (Object) n.longValue()
                        : e.getValue()));
    t.put("attributes", attributes);
    Map<String, Object> features = new HashMap<>();
    for (Feature feature : Feature.ALL) {
      double v = f[feature.ordinal()];
      features.put(
          feature.id(), feature.kind() == Feature.Kind.FLAG ? (Object) (v > 0.5) : (Object) v);
    }
    return Map.of("txn", t, "features", features);
  }
}
