package dev.atrium.plugins.fraud;

import dev.atrium.plugin.api.Document;
import dev.atrium.plugin.api.JobProgress;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.inference.ModelRegistration;
import dev.atrium.plugin.api.tabular.TabularModels;
import dev.atrium.plugin.api.tabular.TrainedModel;
import dev.atrium.plugin.api.tabular.TrainingData;
import dev.atrium.plugin.api.tabular.TrainingMetrics;
import dev.atrium.plugin.api.tabular.TrainingParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One tenant's gradient-boosted models: trained on the host ({@link TabularModels#train}) from the
 * scored payments that carry a label (uploads and case outcomes), newest 20% held out for
 * validation; kept as versions ({@code models} documents, bytes in {@code model-bytes} documents)
 * with their metrics; one version promoted at a time and served through the shared pool, with
 * rollback to the previously promoted one (or to the unsupervised score when there is none).
 */
final class ModelVersions {
  static final String COLLECTION = "models";
  static final String STATE = "model-state";
  static final int MIN_FRAUD = 5;
  static final String BYTES = "model-bytes";
  private static final int BYTES_CHUNK = 600_000;

  private final PluginContext context;
  private final TenantScoring scoring;
  private ModelRegistration registration;

  ModelVersions(PluginContext context, TenantScoring scoring) {
    this.context = context;
    this.scoring = scoring;
  }

  /** The host's tabular models, or a 503 problem when this host has none. */
  TabularModels engine() {
    try {
      return context.tabularModels();
    } catch (UnsupportedOperationException e) {
      throw new FraudProblem(
          503, "tabular_models_unavailable", "This server cannot train or serve tabular models.");
    }
  }

  /** Trains a new version from the labelled log of {@code days} days; blocks, reports progress. */
  JsonObject train(int days, TrainingParams params, JobProgress progress) {
    progress.update(0.02, "collecting labelled payments");
    Map<String, Integer> labels = scoring.alerts.labels();
    List<LabelledRow> rows = new ArrayList<>();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    scoring.log.read(
        today.minusDays(days),
        today,
        entry -> {
          Integer label = TransactionLog.label(entry, labels);
          if (label != null) {
            rows.add(new LabelledRow(entry.getLong("t"), TransactionLog.features(entry), label));
          }
        });
    rows.sort(Comparator.comparingLong(LabelledRow::millis));
    int n = rows.size();
    int fraud = 0;
    int width = Feature.ALL.size();
    float[] x = new float[n * width];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      double[] f = rows.get(i).features();
      for (int j = 0; j < width; j++) {
        x[i * width + j] = (float) f[j];
      }
      y[i] = rows.get(i).label();
      fraud += rows.get(i).label();
    }
    if (fraud < MIN_FRAUD || n - fraud < MIN_FRAUD) {
      throw new IllegalArgumentException(
          "training needs at least "
              + MIN_FRAUD
              + " fraud and "
              + MIN_FRAUD
              + " legitimate labelled payments; found "
              + fraud
              + " and "
              + (n - fraud));
    }
    progress.update(0.1, "training on " + n + " labelled payments (" + fraud + " fraud)");
    TrainingData data = new TrainingData(Feature.NAMES, x, y, Math.max(1, n / 5));
    TrainingParams weighted =
        new TrainingParams(
            params.maxRounds(),
            params.earlyStoppingRounds(),
            params.maxDepth(),
            params.learningRate(),
            Math.max(1.0, Math.sqrt((double) (n - fraud) / fraud)));
    TrainedModel model =
        engine().train(data, weighted, new ScaledProgress(progress, 0.1, 0.9)).await();
    int version = nextVersion();
    String name = "v" + version;
    putBytes(name, model.bytes());
    JsonObject doc =
        new JsonObject()
            .put("version", name)
            .put("number", version)
            .put("createdAt", Instant.now().toString())
            .put("featureNames", new JsonArray(model.featureNames()))
            .put("labelled", n)
            .put("fraud", fraud)
            .put("metrics", metrics(model.metrics()))
            .put("profile", FeatureProfile.of(rows.stream().map(LabelledRow::features).toList()));
    scoring.services().documents().put(COLLECTION, name, doc).await();
    progress.update(
        1.0, "trained " + name + ": validation ROC-AUC " + Reasons.round(model.metrics().rocAuc()));
    return doc;
  }

  private int nextVersion() {
    return scoring.services().documents().list(COLLECTION, 1000).await().stream()
            .mapToInt(d -> d.data().getInteger("number"))
            .max()
            .orElse(0)
        + 1;
  }

  static JsonObject metrics(TrainingMetrics m) {
    return new JsonObject()
        .put("rocAuc", Reasons.round(m.rocAuc()))
        .put("prAuc", Reasons.round(m.prAuc()))
        .put("rounds", m.rounds())
        .put("trainRows", m.trainRows())
        .put("validationRows", m.validationRows())
        .put("trainingMillis", m.trainingMillis());
  }

  /** The versions, newest first, and which one is promoted. */
  JsonObject list() {
    List<Document> docs =
        new ArrayList<>(scoring.services().documents().list(COLLECTION, 1000).await());
    docs.sort(Comparator.comparingInt((Document d) -> -d.data().getInteger("number")));
    JsonObject state = state();
    return new JsonObject()
        .put("promoted", state.getString("promoted"))
        .put("history", state.getJsonArray("history"))
        .put("data", new JsonArray(docs.stream().map(d -> (Object) d.data()).toList()));
  }

  /** Serves {@code version} and scores with it from now on. */
  synchronized JsonObject promote(String version) {
    serve(version);
    JsonObject state = state();
    JsonArray history = state.getJsonArray("history");
    if (state.getString("promoted") != null && !version.equals(state.getString("promoted"))) {
      history.add(state.getString("promoted"));
    }
    saveState(version, history);
    return list();
  }

  /** Goes back to the previously promoted version, or to the unsupervised score. */
  synchronized JsonObject rollback() {
    JsonObject state = state();
    if (state.getString("promoted") == null) {
      throw new FraudProblem(409, "nothing_to_roll_back", "No model version is promoted.");
    }
    JsonArray history = state.getJsonArray("history");
    if (history.isEmpty()) {
      release();
      scoring.useModel(Optional.empty());
      saveState(null, history);
    } else {
      String previous = history.getString(history.size() - 1);
      history.remove(history.size() - 1);
      serve(previous);
      saveState(previous, history);
    }
    return list();
  }

  /** After a restart: serves the promoted version again, if any. */
  synchronized void restore() {
    String promoted = state().getString("promoted");
    if (promoted != null && scoring.model().isEmpty()) {
      serve(promoted);
    }
  }

  private void serve(String version) {
    JsonObject doc =
        scoring
            .services()
            .documents()
            .get(COLLECTION, version)
            .await()
            .orElseThrow(() -> FraudProblem.notFound("Model version '" + version + "'"))
            .data();
    byte[] bytes = bytes(version);
    List<String> names = doc.getJsonArray("featureNames").stream().map(String.class::cast).toList();
    JsonObject m = doc.getJsonObject("metrics");
    TrainedModel model =
        new TrainedModel(
            bytes,
            names,
            new TrainingMetrics(
                m.getDouble("rocAuc"),
                m.getDouble("prAuc"),
                m.getInteger("rounds"),
                m.getInteger("trainRows"),
                m.getInteger("validationRows"),
                m.getLong("trainingMillis")));
    String modelId = modelId(scoring.tenantId(), version);
    ModelRegistration held = engine().serve(modelId, model).await();
    release();
    registration = held;
    scoring.useModel(Optional.of(new TenantScoring.ServedModel(version, modelId, names)));
  }

  /**
   * Keeps a model's bytes as base64 documents ({@code model-bytes}, ids {@code <version>/<n>})
   * under the store's document limit (not blobs: the host's blob store fails on H2, see the
   * report).
   */
  private void putBytes(String version, byte[] bytes) {
    int n = 0;
    for (int from = 0; from < bytes.length; from += BYTES_CHUNK, n++) {
      byte[] part = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + BYTES_CHUNK));
      String id = version + "/" + String.format(Locale.ROOT, "%05d", n);
      scoring.services().documents().put(BYTES, id, new JsonObject().put("b", part)).await();
    }
  }

  private byte[] bytes(String version) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String after = null;
    while (true) {
      List<Document> page =
          scoring.services().documents().list(BYTES, version + "/", after, 100).await();
      for (Document part : page) {
        out.writeBytes(part.data().getBinary("b"));
      }
      if (page.size() < 100) {
        break;
      }
      after = page.get(page.size() - 1).id();
    }
    if (out.size() == 0) {
      throw FraudProblem.notFound("The bytes of model version '" + version + "'");
    }
    return out.toByteArray();
  }

  private void release() {
    if (registration != null) {
      registration.close();
      registration = null;
    }
  }

  /** The pool's id for a tenant's version: the plugin id, the tenant and the version. */
  static String modelId(String tenantId, String version) {
    String tenant = tenantId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "");
    String id = "fraud-" + tenant + "-" + version;
    return id.length() <= 64
        ? id
        : "fraud-" + tenant.substring(0, 64 - 7 - version.length()) + "-" + version;
  }

  private JsonObject state() {
    return scoring
        .services()
        .documents()
        .get(STATE, "promoted")
        .await()
        .map(Document::data)
        .orElseGet(() -> new JsonObject().putNull("promoted").put("history", new JsonArray()));
  }

  private void saveState(String promoted, JsonArray history) {
    scoring
        .services()
        .documents()
        .put(STATE, "promoted", new JsonObject().put("promoted", promoted).put("history", history))
        .await();
  }

  void close() {
    release();
  }

  private record LabelledRow(long millis, double[] features, int label) {}

  /** A sub-range of a job's progress. */
  private record ScaledProgress(JobProgress job, double from, double to) implements JobProgress {
    @Override
    public void update(double fraction, String message) {
      job.update(from + (to - from) * Math.max(0, Math.min(1, fraction)), message);
    }

    @Override
    public boolean cancelled() {
      return job.cancelled();
    }
  }
}
