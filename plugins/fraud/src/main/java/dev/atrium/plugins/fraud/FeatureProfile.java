package dev.atrium.plugins.fraud;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The distribution of each feature as decile bins, to compare a day's payments with a reference (a
 * model's training rows, or earlier days) by the population stability index: below 0.1 stable,
 * 0.1-0.25 shifting, above 0.25 drifted.
 */
final class FeatureProfile {
  private static final double EPSILON = 1e-4;

  private FeatureProfile() {}

  /** Per feature: the bin edges (deciles, duplicates merged) and the share of rows per bin. */
  static JsonObject of(List<double[]> rows) {
    JsonObject profile = new JsonObject();
    if (rows.isEmpty()) {
      return profile;
    }
    double[] column = new double[rows.size()];
    for (Feature feature : Feature.ALL) {
      for (int r = 0; r < column.length; r++) {
        column[r] = rows.get(r)[feature.ordinal()];
      }
      double[] sorted = column.clone();
      Arrays.sort(sorted);
      TreeSet<Double> edges = new TreeSet<>();
      for (int d = 1; d < 10; d++) {
        edges.add(sorted[Math.min(sorted.length - 1, d * sorted.length / 10)]);
      }
      double[] cut = edges.stream().mapToDouble(Double::doubleValue).toArray();
      profile.put(
          feature.id(),
          new JsonObject().put("edges", array(cut)).put("shares", array(shares(column, cut))));
    }
    return profile;
  }

  /** Each feature's PSI of {@code rows} against {@code reference}, largest first. */
  static JsonArray drift(JsonObject reference, List<double[]> rows) {
    JsonArray out = new JsonArray();
    if (rows.isEmpty()) {
      return out;
    }
    double[] column = new double[rows.size()];
    java.util.List<JsonObject> items = new java.util.ArrayList<>();
    for (Feature feature : Feature.ALL) {
      JsonObject bins = reference.getJsonObject(feature.id());
      if (bins == null) {
        continue;
      }
      for (int r = 0; r < column.length; r++) {
        column[r] = rows.get(r)[feature.ordinal()];
      }
      double[] expected = doubles(bins.getJsonArray("shares"));
      double[] actual = shares(column, doubles(bins.getJsonArray("edges")));
      double psi = 0;
      for (int b = 0; b < expected.length; b++) {
        double e = Math.max(EPSILON, expected[b]);
        double a = Math.max(EPSILON, actual[b]);
        psi += (a - e) * Math.log(a / e);
      }
      items.add(
          new JsonObject()
              .put("feature", feature.id())
              .put("psi", Reasons.round(psi))
              .put("level", psi < 0.1 ? "stable" : psi < 0.25 ? "shifting" : "drifted"));
    }
    items.sort((a, b) -> Double.compare(b.getDouble("psi"), a.getDouble("psi")));
    items.forEach(out::add);
    return out;
  }

  /** Shares of values per bin: value <= edge[0], ..., > edge[last]. */
  private static double[] shares(double[] values, double[] edges) {
    double[] shares = new double[edges.length + 1];
    for (double v : values) {
      int b = 0;
      while (b < edges.length && v > edges[b]) {
        b++;
      }
      shares[b]++;
    }
    for (int b = 0; b < shares.length; b++) {
      shares[b] /= values.length;
    }
    return shares;
  }

  private static JsonArray array(double[] values) {
    JsonArray out = new JsonArray();
    for (double v : values) {
      out.add(Reasons.round(v));
    }
    return out;
  }

  private static double[] doubles(JsonArray array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.getDouble(i);
    }
    return out;
  }
}
