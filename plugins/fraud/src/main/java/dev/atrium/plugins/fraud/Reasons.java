package dev.atrium.plugins.fraud;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The top contributing features of a score, with their values and words in English and Chinese. */
final class Reasons {
  static final int TOP = 3;

  private Reasons() {}

  /**
   * A feature's signed part in a score; {@code directional} when the words may say "high" (the
   * unsupervised score's surprises are always above the median), else they name the feature and say
   * which way it pushed (a model's contribution can come from a low value).
   */
  record Part(Feature feature, double contribution, boolean directional) {}

  /** From the unsupervised score's surprises (all positive, largest first). */
  static List<Part> fromSurprises(List<RobustBaseline.Surprise> surprises) {
    return surprises.stream().limit(TOP).map(s -> new Part(s.feature(), s.value(), true)).toList();
  }

  /**
   * From a model's SHAP contributions (one per feature, bias last): the largest in size, with their
   * sign; only features pushing towards fraud lead.
   */
  static List<Part> fromContributions(float[] contributions, List<String> featureNames) {
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < featureNames.size() && i < contributions.length - 1; i++) {
      if (contributions[i] != 0) {
        parts.add(new Part(Feature.byId(featureNames.get(i)), contributions[i], false));
      }
    }
    parts.sort(Comparator.comparingDouble((Part p) -> -p.contribution()));
    return parts.stream().limit(TOP).toList();
  }

  static JsonArray toJson(List<Part> parts, double[] features) {
    JsonArray out = new JsonArray();
    for (Part part : parts) {
      double value = features[part.feature().ordinal()];
      out.add(
          new JsonObject()
              .put("feature", part.feature().id())
              .put("value", round(value))
              .put("contribution", round(part.contribution()))
              .put("en", words(part, value, "en"))
              .put("zh", words(part, value, "zh")));
    }
    return out;
  }

  private static String words(Part part, double value, String language) {
    boolean zh = "zh".equals(language);
    if (part.directional()) {
      String shown = zh ? "（" + format(value) + "）" : " (" + format(value) + ")";
      return part.feature().describe(language) + shown;
    }
    String way =
        part.contribution() > 0
            ? (zh ? "，风险升高" : ", raises the risk")
            : (zh ? "，风险降低" : ", lowers the risk");
    return part.feature().label(language) + (zh ? "：" : ": ") + format(value) + way;
  }

  static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e9
        ? Long.toString((long) value)
        : String.format(java.util.Locale.ROOT, "%.2f", value);
  }
}
