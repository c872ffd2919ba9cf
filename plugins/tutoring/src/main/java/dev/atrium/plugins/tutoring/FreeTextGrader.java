package dev.atrium.plugins.tutoring;

import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.TextLanguage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Grades a short free-text answer against the item's reference answers and rubric points, over the
 * platform's shared embedding models (the Chinese model for Chinese items). The similarity to the
 * closest reference answer, rescaled between a floor and a ceiling per language (the Chinese
 * model's cosines run higher), gives half the score; the share of rubric points found gives the
 * other half (all of it when the item has no rubric). A point is found when one of its keywords
 * appears or when a sentence of the answer is close enough to it. Scores within the review margin
 * of the pass score are flagged for the teacher.
 */
final class FreeTextGrader {
  private static final Pattern SENTENCES = Pattern.compile("(?<=[.!?;。！？；])\\s*|\\n+");

  /** Cosine floors and ceilings, and the closeness at which a sentence makes a point. */
  private record Scale(double floor, double ceiling, double point) {}

  private static final Scale ENGLISH = new Scale(0.25, 0.8, 0.6);
  private static final Scale CHINESE = new Scale(0.45, 0.85, 0.7);

  private final InferenceClient inference;
  private final String tenantId;

  FreeTextGrader(InferenceClient inference, String tenantId) {
    this.inference = inference;
    this.tenantId = tenantId;
  }

  Future<Grade> grade(Item item, String answer, double passScore, double reviewMargin) {
    List<String> sentences = sentences(answer);
    List<String> inputs = new ArrayList<>();
    inputs.add(answer);
    inputs.addAll(item.references());
    item.rubric().forEach(r -> inputs.add(r.point()));
    inputs.addAll(sentences);
    // One request so every vector comes from one model, picked by the item's language.
    String model = TextLanguage.of(List.of(item.prompt() + " " + item.references().get(0)));
    Scale scale = model.equals(TextLanguage.CHINESE) ? CHINESE : ENGLISH;
    return inference
        .embed(EmbeddingRequest.of(tenantId, inputs, Duration.ofSeconds(20)))
        .map(
            result -> {
              List<float[]> v = result.vectors();
              int refs = item.references().size();
              int points = item.rubric().size();
              int best = 1;
              for (int r = 1; r <= refs; r++) {
                if (dot(v.get(0), v.get(r)) > dot(v.get(0), v.get(best))) {
                  best = r;
                }
              }
              double similarity = dot(v.get(0), v.get(best));
              double meaning =
                  clamp((similarity - scale.floor()) / (scale.ceiling() - scale.floor()));
              JsonArray rubric = new JsonArray();
              int found = 0;
              for (int p = 0; p < points; p++) {
                Item.RubricPoint point = item.rubric().get(p);
                float[] pv = v.get(1 + refs + p);
                int closest = -1;
                double closeness = -1;
                for (int s = 0; s < sentences.size(); s++) {
                  double c = dot(pv, v.get(1 + refs + points + s));
                  if (c > closeness) {
                    closeness = c;
                    closest = s;
                  }
                }
                String keyword = keyword(answer, point.keywords());
                boolean byMeaning = closeness >= scale.point();
                boolean hit = keyword != null || byMeaning;
                found += hit ? 1 : 0;
                rubric.add(
                    new JsonObject()
                        .put("point", point.point())
                        .put("found", hit)
                        .put("by", keyword != null ? "keyword" : byMeaning ? "meaning" : null)
                        .put("keyword", keyword)
                        .put("sentence", closest >= 0 ? sentences.get(closest) : null)
                        .put("similarity", round(closeness)));
              }
              double score = points == 0 ? meaning : 0.5 * meaning + 0.5 * found / (double) points;
              boolean ambiguous = Math.abs(score - passScore) < reviewMargin;
              JsonObject evidence =
                  new JsonObject()
                      .put("model", result.modelId())
                      .put("reference", item.references().get(best - 1))
                      .put("similarity", round(similarity))
                      .put("rubric", rubric);
              return new Grade(score >= passScore, round(score), ambiguous, evidence);
            });
  }

  static List<String> sentences(String text) {
    List<String> parts =
        Arrays.stream(SENTENCES.split(text.strip()))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList();
    return parts.isEmpty() ? List.of(text.strip()) : parts.subList(0, Math.min(parts.size(), 20));
  }

  /** The first keyword the answer holds: whole words for English, substrings for Chinese. */
  private static String keyword(String answer, List<String> keywords) {
    String lower = answer.toLowerCase(Locale.ROOT);
    for (String keyword : keywords) {
      String k = keyword.toLowerCase(Locale.ROOT);
      boolean found =
          TextLanguage.isChinese(k)
              ? lower.contains(k)
              : Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(k) + "(?![\\p{L}\\p{N}])")
                  .matcher(lower)
                  .find();
      if (found) {
        return keyword;
      }
    }
    return null;
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static double clamp(double x) {
    return Math.max(0, Math.min(1, x));
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
