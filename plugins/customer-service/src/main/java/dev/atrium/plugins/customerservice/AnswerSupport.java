package dev.atrium.plugins.customerservice;

import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.InferenceClient;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a generated answer is supported by the passages it was written from, judged by
 * embeddings. Every sentence of the answer (citation markers such as {@code [2]} removed) and every
 * sentence of the passages are embedded in one request, so all vectors come from the same model. A
 * sentence's support is its highest cosine similarity to any passage sentence; the answer's support
 * is its weakest sentence's, so one made-up sentence is enough to refuse it. The answer is
 * supported when that reaches the tenant's {@code supportThreshold} (default {@value
 * CsSettings#DEFAULT_SUPPORT_THRESHOLD}) and every number it states appears in the passages.
 *
 * <p>Measured with the bundled all-minilm-l6-v2: a faithful paraphrase of a passage sentence scores
 * about 0.9, the tiny model's children's stories against customer-service passages below 0.15.
 * Similarity measures topic, not truth: "Refunds take about two months" against "We issue refunds
 * within 14 days" still scores 0.75, which is why figures are checked on their own (digits only:
 * "two months" is not caught).
 */
final class AnswerSupport {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern CITATION = Pattern.compile("\\[\\d+(?:\\s*,\\s*\\d+)*]");
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,:]\\d+)*");

  /**
   * What the check found.
   *
   * @param score the weakest answer sentence's best similarity to a passage sentence
   * @param passageScores per passage, the best similarity of any answer sentence to it
   * @param unsupportedNumbers figures of the answer that no passage states
   * @param embeddingTokens tokens embedded for the check
   */
  record Verdict(
      double score,
      double[] passageScores,
      List<String> unsupportedNumbers,
      long embeddingTokens) {}

  private final InferenceClient inference;
  private final String tenantId;

  AnswerSupport(InferenceClient inference, String tenantId) {
    this.inference = inference;
    this.tenantId = tenantId;
  }

  /** Checks {@code answer} against {@code passages}; an answer with no sentence scores 0. */
  Future<Verdict> check(String answer, List<String> passages) {
    String plain = withoutCitations(answer);
    List<String> claims = PassageExtractor.sentences(plain);
    List<String> texts = new ArrayList<>(claims);
    List<Integer> owner = new ArrayList<>();
    for (int p = 0; p < passages.size(); p++) {
      for (String sentence : PassageExtractor.sentences(passages.get(p))) {
        texts.add(sentence);
        owner.add(p);
      }
    }
    List<String> numbers = unsupportedNumbers(plain, passages);
    if (claims.isEmpty() || owner.isEmpty()) {
      return Future.succeededFuture(new Verdict(0, new double[passages.size()], numbers, 0));
    }
    return inference
        .embed(EmbeddingRequest.of(tenantId, texts, TIMEOUT))
        .map(
            result -> {
              List<float[]> vectors = result.vectors();
              double weakest = Double.MAX_VALUE;
              double[] perPassage = new double[passages.size()];
              Arrays.fill(perPassage, -1);
              for (int c = 0; c < claims.size(); c++) {
                double best = -1;
                for (int s = 0; s < owner.size(); s++) {
                  double cosine = dot(vectors.get(c), vectors.get(claims.size() + s));
                  best = Math.max(best, cosine);
                  perPassage[owner.get(s)] = Math.max(perPassage[owner.get(s)], cosine);
                }
                weakest = Math.min(weakest, best);
              }
              return new Verdict(weakest, perPassage, numbers, result.usage().tokens());
            });
  }

  static String withoutCitations(String text) {
    return CITATION.matcher(text).replaceAll("").replaceAll("\\s+([.,;:!?。，；！？])", "$1").strip();
  }

  /** Figures in {@code answer} that appear in none of the passages. */
  static List<String> unsupportedNumbers(String answer, List<String> passages) {
    Set<String> stated = new LinkedHashSet<>();
    for (String passage : passages) {
      Matcher m = NUMBER.matcher(passage);
      while (m.find()) {
        stated.add(m.group());
      }
    }
    Set<String> missing = new LinkedHashSet<>();
    Matcher m = NUMBER.matcher(withoutCitations(answer));
    while (m.find()) {
      if (!stated.contains(m.group())) {
        missing.add(m.group());
      }
    }
    return List.copyOf(missing);
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
