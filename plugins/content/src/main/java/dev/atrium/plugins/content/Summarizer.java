package dev.atrium.plugins.content;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.InferenceClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Extractive summary without a generation model: the sentences are embedded with the shared
 * embedding models, each is scored by its {@linkplain #centrality directed centrality} among the
 * others (cosine similarities), and the most central ones are returned in their original order.
 */
final class Summarizer {
  static final int MAX_SENTENCES = 400;
  private static final double BETA = 0.6;
  private static final double FORWARD = 1;
  private static final double BACKWARD = -2;

  private final InferenceClient inference;
  private final String tenantId;

  Summarizer(InferenceClient inference, String tenantId) {
    this.inference = requireNonNull(inference, "inference is null");
    this.tenantId = requireNonNull(tenantId, "tenantId is null");
  }

  Future<JsonObject> summarize(String text, int count) {
    List<String> sentences = Sentences.of(text);
    if (sentences.size() > MAX_SENTENCES) {
      sentences = sentences.subList(0, MAX_SENTENCES);
    }
    if (sentences.size() <= count) {
      return Future.succeededFuture(
          answer(
              sentences,
              IntStream.range(0, sentences.size()).boxed().toList(),
              new double[sentences.size()]));
    }
    List<String> all = sentences;
    return inference
        .embed(EmbeddingRequest.of(tenantId, all, Duration.ofSeconds(30)))
        .map(
            result -> {
              double[] centrality = centrality(result.vectors());
              List<Integer> chosen =
                  IntStream.range(0, all.size())
                      .boxed()
                      .sorted(Comparator.comparingDouble((Integer i) -> -centrality[i]))
                      .limit(count)
                      .sorted()
                      .toList();
              return answer(all, chosen, centrality);
            });
  }

  /**
   * Directed centrality (PACSUM, Zheng and Lapata 2019): similarities below {@value #BETA} of the
   * way from the smallest to the largest are dropped; a sentence gains from similar sentences after
   * it and loses from similar ones before it, since a text tends to state its point first and then
   * elaborate.
   */
  static double[] centrality(List<float[]> vectors) {
    int n = vectors.size();
    double[][] similarity = new double[n][n];
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double dot = 0;
        float[] a = vectors.get(i);
        float[] b = vectors.get(j);
        for (int d = 0; d < a.length; d++) {
          dot += a[d] * b[d];
        }
        similarity[i][j] = dot;
        similarity[j][i] = dot;
        min = Math.min(min, dot);
        max = Math.max(max, dot);
      }
    }
    double threshold = min + BETA * (max - min);
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (j != i) {
          double edge = Math.max(0, similarity[i][j] - threshold);
          scores[i] += (j > i ? FORWARD : BACKWARD) * edge;
        }
      }
    }
    return scores;
  }

  private static JsonObject answer(List<String> sentences, List<Integer> chosen, double[] scores) {
    JsonArray picked = new JsonArray();
    List<String> texts = new ArrayList<>();
    for (int i : chosen) {
      texts.add(sentences.get(i));
      picked.add(
          new JsonObject()
              .put("index", i)
              .put("text", sentences.get(i))
              .put("score", Math.round(scores[i] * 1000) / 1000.0));
    }
    boolean zh = texts.stream().anyMatch(dev.atrium.plugin.api.inference.TextLanguage::isChinese);
    return new JsonObject()
        .put("mode", "extractive_centrality")
        .put("summary", String.join(zh ? "" : " ", texts))
        .put("sentences", picked)
        .put("sentencesInText", sentences.size());
  }
}
