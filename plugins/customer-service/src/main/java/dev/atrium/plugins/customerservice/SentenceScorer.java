package dev.atrium.plugins.customerservice;

import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.InferenceClient;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How close each sentence is to the question, by the cosine of their embeddings: one batch through
 * the shared pool, the question first. Paraphrases share meaning, not words, so this beats counting
 * shared terms.
 */
final class SentenceScorer {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final InferenceClient inference;
  private final String tenantId;

  SentenceScorer(InferenceClient inference, String tenantId) {
    this.inference = inference;
    this.tenantId = tenantId;
  }

  Future<double[]> similarities(String question, List<String> sentences) {
    if (sentences.size() <= 1) {
      return Future.succeededFuture(new double[sentences.size()]);
    }
    List<String> texts = new ArrayList<>(sentences.size() + 1);
    texts.add(question);
    texts.addAll(sentences);
    return inference
        .embed(EmbeddingRequest.of(tenantId, texts, TIMEOUT))
        .map(
            result -> {
              float[] q = result.vectors().get(0);
              double[] scores = new double[sentences.size()];
              for (int i = 0; i < scores.length; i++) {
                float[] s = result.vectors().get(i + 1);
                double dot = 0;
                for (int d = 0; d < q.length; d++) {
                  dot += q[d] * s[d];
                }
                scores[i] = dot;
              }
              return scores;
            });
  }
}
