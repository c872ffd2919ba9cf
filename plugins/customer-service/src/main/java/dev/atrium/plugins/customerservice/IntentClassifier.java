package dev.atrium.plugins.customerservice;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A multinomial logistic regression over sentence embeddings, trained on a tenant's example phrases
 * (one classifier per embedding model, since each model has its own vector space). Small and exact
 * enough for a few dozen examples per intent; serialisable to JSON.
 */
final class IntentClassifier {
  private static final int EPOCHS = 300;
  private static final double LEARNING_RATE = 0.5;
  private static final double L2 = 1e-3;

  private final List<String> labels;
  private final double[][] weights;
  private final double[] bias;

  private IntentClassifier(List<String> labels, double[][] weights, double[] bias) {
    this.labels = List.copyOf(labels);
    this.weights = weights;
    this.bias = bias;
  }

  /** One prediction: the best label and its probability. */
  record Prediction(String label, double probability) {}

  /** Trains on {@code vectors[i]} labelled {@code targets[i]} (an index into {@code labels}). */
  static IntentClassifier train(List<String> labels, List<float[]> vectors, int[] targets) {
    int classes = labels.size();
    int dims = vectors.get(0).length;
    double[][] w = new double[classes][dims];
    double[] b = new double[classes];
    Random random = new Random(42);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < vectors.size(); i++) {
      order.add(i);
    }
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      Collections.shuffle(order, random);
      double rate = LEARNING_RATE / (1 + epoch * 0.01);
      for (int i : order) {
        float[] x = vectors.get(i);
        double[] p = softmax(scores(w, b, x));
        for (int c = 0; c < classes; c++) {
          double gradient = p[c] - (targets[i] == c ? 1 : 0);
          for (int d = 0; d < dims; d++) {
            w[c][d] -= rate * (gradient * x[d] + L2 * w[c][d]);
          }
          b[c] -= rate * gradient;
        }
      }
    }
    return new IntentClassifier(labels, w, b);
  }

  Prediction predict(float[] vector) {
    double[] p = softmax(scores(weights, bias, vector));
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return new Prediction(labels.get(best), p[best]);
  }

  int dimensions() {
    return weights.length == 0 ? 0 : weights[0].length;
  }

  JsonObject toJson() {
    JsonArray rows = new JsonArray();
    for (double[] row : weights) {
      JsonArray values = new JsonArray();
      for (double v : row) {
        values.add(v);
      }
      rows.add(values);
    }
    JsonArray biases = new JsonArray();
    for (double v : bias) {
      biases.add(v);
    }
    return new JsonObject()
        .put("labels", new JsonArray(labels))
        .put("weights", rows)
        .put("bias", biases);
  }

  static IntentClassifier fromJson(JsonObject json) {
    List<String> labels = json.getJsonArray("labels").stream().map(String.class::cast).toList();
    JsonArray rows = json.getJsonArray("weights");
    double[][] weights = new double[rows.size()][];
    for (int c = 0; c < rows.size(); c++) {
      JsonArray row = rows.getJsonArray(c);
      weights[c] = new double[row.size()];
      for (int d = 0; d < row.size(); d++) {
        weights[c][d] = row.getDouble(d);
      }
    }
    JsonArray biases = json.getJsonArray("bias");
    double[] bias = new double[biases.size()];
    for (int c = 0; c < bias.length; c++) {
      bias[c] = biases.getDouble(c);
    }
    return new IntentClassifier(labels, weights, bias);
  }

  private static double[] scores(double[][] w, double[] b, float[] x) {
    double[] s = new double[w.length];
    for (int c = 0; c < w.length; c++) {
      double sum = b[c];
      for (int d = 0; d < x.length; d++) {
        sum += w[c][d] * x[d];
      }
      s[c] = sum;
    }
    return s;
  }

  private static double[] softmax(double[] s) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : s) {
      max = Math.max(max, v);
    }
    double total = 0;
    double[] p = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      p[i] = Math.exp(s[i] - max);
      total += p[i];
    }
    for (int i = 0; i < s.length; i++) {
      p[i] /= total;
    }
    return p;
  }
}
