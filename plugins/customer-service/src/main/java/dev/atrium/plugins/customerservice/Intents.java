package dev.atrium.plugins.customerservice;

import dev.atrium.plugin.api.DocumentStore;
import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.EmbeddingResult;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.TextLanguage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's intents: definitions (name, example phrases, whether they force a hand-off) and the
 * classifiers trained on them, one per embedding model. Training runs when the examples change. A
 * question gets an intent only when the classifier is confident and the question is close to that
 * intent's examples, so ordinary questions are not forced into some intent.
 */
final class Intents {
  private static final String COLLECTION = "cs-intents";
  private static final String DEFINITIONS = "definitions";
  private static final String MODEL = "model";
  private static final double MIN_PROBABILITY = 0.5;
  private static final double MIN_SIMILARITY = 0.45;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** A question's intent, and whether it forces a hand-off. */
  record Match(String name, double probability, boolean handoff) {}

  private final DocumentStore store;
  private final InferenceClient inference;
  private final String tenantId;

  Intents(DocumentStore store, InferenceClient inference, String tenantId) {
    this.store = store;
    this.inference = inference;
    this.tenantId = tenantId;
  }

  Future<JsonObject> definitions() {
    return store
        .get(COLLECTION, DEFINITIONS)
        .map(
            d ->
                d.map(doc -> doc.data())
                    .orElseGet(() -> new JsonObject().put("intents", new JsonArray())));
  }

  Future<Void> saveDefinitions(JsonObject definitions) {
    return store.put(COLLECTION, DEFINITIONS, definitions).mapEmpty();
  }

  /** Embeds every example and trains a classifier per embedding model; runs on a job thread. */
  JsonObject train(JsonObject definitions) {
    Map<String, List<float[]>> vectors = new LinkedHashMap<>();
    Map<String, List<Integer>> targets = new LinkedHashMap<>();
    List<String> labels = new ArrayList<>();
    JsonArray intents = definitions.getJsonArray("intents");
    for (int label = 0; label < intents.size(); label++) {
      JsonObject intent = intents.getJsonObject(label);
      labels.add(intent.getString("name"));
      List<String> chinese = new ArrayList<>();
      List<String> other = new ArrayList<>();
      for (Object example : intent.getJsonArray("examples")) {
        (TextLanguage.isChinese((String) example) ? chinese : other).add((String) example);
      }
      for (List<String> group : List.of(chinese, other)) {
        if (group.isEmpty()) {
          continue;
        }
        EmbeddingResult result =
            inference.embed(EmbeddingRequest.of(tenantId, group, TIMEOUT)).await();
        vectors.computeIfAbsent(result.modelId(), m -> new ArrayList<>()).addAll(result.vectors());
        for (int i = 0; i < group.size(); i++) {
          targets.computeIfAbsent(result.modelId(), m -> new ArrayList<>()).add(label);
        }
      }
    }
    JsonObject byModel = new JsonObject();
    for (String model : vectors.keySet()) {
      int[] t = targets.get(model).stream().mapToInt(Integer::intValue).toArray();
      IntentClassifier classifier = IntentClassifier.train(labels, vectors.get(model), t);
      byModel.put(
          model,
          classifier.toJson().put("centroids", centroids(labels.size(), vectors.get(model), t)));
    }
    JsonObject model = new JsonObject().put("byModel", byModel).put("definitions", definitions);
    store.put(COLLECTION, MODEL, model).await();
    return model;
  }

  /** The question's intent, if one is trained and clearly matches. */
  Future<Optional<Match>> classify(String question) {
    return store
        .get(COLLECTION, MODEL)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
              }
              JsonObject model = found.get().data();
              return inference
                  .embed(EmbeddingRequest.of(tenantId, List.of(question), TIMEOUT))
                  .map(result -> match(model, result.modelId(), result.vectors().get(0)));
            });
  }

  private static Optional<Match> match(JsonObject model, String modelId, float[] vector) {
    JsonObject trained = model.getJsonObject("byModel").getJsonObject(modelId);
    if (trained == null) {
      return Optional.empty();
    }
    IntentClassifier.Prediction prediction = IntentClassifier.fromJson(trained).predict(vector);
    int label = trained.getJsonArray("labels").getList().indexOf(prediction.label());
    JsonArray centroid = trained.getJsonArray("centroids").getJsonArray(label);
    if (prediction.probability() < MIN_PROBABILITY
        || centroid == null
        || cosine(vector, centroid) < MIN_SIMILARITY) {
      return Optional.empty();
    }
    boolean handoff =
        model.getJsonObject("definitions").getJsonArray("intents").stream()
            .map(JsonObject.class::cast)
            .filter(i -> i.getString("name").equals(prediction.label()))
            .anyMatch(i -> i.getBoolean("handoff", false));
    return Optional.of(new Match(prediction.label(), prediction.probability(), handoff));
  }

  private static JsonArray centroids(int labels, List<float[]> vectors, int[] targets) {
    JsonArray all = new JsonArray();
    for (int label = 0; label < labels; label++) {
      double[] sum = null;
      for (int i = 0; i < vectors.size(); i++) {
        if (targets[i] == label) {
          float[] v = vectors.get(i);
          sum = sum == null ? new double[v.length] : sum;
          for (int d = 0; d < v.length; d++) {
            sum[d] += v[d];
          }
        }
      }
      if (sum == null) {
        all.addNull();
      } else {
        JsonArray centroid = new JsonArray();
        for (double v : sum) {
          centroid.add(v);
        }
        all.add(centroid);
      }
    }
    return all;
  }

  private static double cosine(float[] v, JsonArray centroid) {
    double dot = 0;
    double norm = 0;
    for (int d = 0; d < v.length; d++) {
      double c = centroid.getDouble(d);
      dot += v[d] * c;
      norm += c * c;
    }
    return norm == 0 ? 0 : dot / Math.sqrt(norm);
  }
}
