package dev.atrium.plugin.testkit;

import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.EmbeddingResult;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.InferenceRequest;
import dev.atrium.plugin.api.inference.InferenceResult;
import dev.atrium.plugin.api.inference.ModelCatalog;
import dev.atrium.plugin.api.inference.ModelInfo;
import dev.atrium.plugin.api.inference.ModelNotFoundException;
import dev.atrium.plugin.api.inference.Task;
import dev.atrium.plugin.api.inference.Usage;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The testkit's default {@link InferenceClient}: a deterministic embedding with no model behind it.
 * Each word (each character of Chinese text) is hashed to one of {@link #DIMENSIONS} buckets and
 * the counts are L2-normalised, so texts sharing words are close and retrieval behaves sensibly in
 * tests. Only embeddings are served; other tasks fail with {@link ModelNotFoundException}, as on a
 * pool that does not serve them.
 */
public final class HashingEmbeddings implements InferenceClient, ModelCatalog {
  public static final String MODEL_ID = "testkit-hashing";
  public static final int DIMENSIONS = 256;

  @Override
  public List<ModelInfo> models() {
    return List.of(
        new ModelInfo(
            MODEL_ID,
            Task.EMBEDDING,
            OptionalInt.of(DIMENSIONS),
            List.of("en", "zh"),
            512,
            List.of("cpu")));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R extends InferenceResult> Future<R> submit(
      InferenceRequest<R> request, Future<?> cancelWhen) {
    if (!(request instanceof EmbeddingRequest embedding)) {
      return Future.failedFuture(
          new ModelNotFoundException("the testkit serves embeddings only, not " + request.task()));
    }
    if (embedding.modelId().isPresent() && !embedding.modelId().get().equals(MODEL_ID)) {
      return Future.failedFuture(
          new ModelNotFoundException("no model '" + embedding.modelId().get() + "'"));
    }
    List<float[]> vectors = new ArrayList<>();
    long tokens = 0;
    for (String text : embedding.inputs()) {
      List<String> words = words(text);
      tokens += words.size();
      vectors.add(embed(words));
    }
    return Future.succeededFuture(
        (R)
            new EmbeddingResult(
                MODEL_ID, vectors, new Usage(vectors.size(), tokens, 0, "testkit")));
  }

  /** The vector of {@code text}. */
  public static float[] embed(String text) {
    return embed(words(text));
  }

  private static float[] embed(List<String> words) {
    float[] vector = new float[DIMENSIONS];
    for (String word : words) {
      vector[Math.floorMod(word.hashCode(), DIMENSIONS)] += 1;
    }
    double norm = 0;
    for (float v : vector) {
      norm += v * v;
    }
    if (norm == 0) {
      vector[0] = 1;
      return vector;
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < vector.length; i++) {
      vector[i] *= scale;
    }
    return vector;
  }

  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    text.toLowerCase(Locale.ROOT)
        .codePoints()
        .forEach(
            c -> {
              if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                flush(word, words);
                words.add(new String(Character.toChars(c)));
              } else if (Character.isLetterOrDigit(c)) {
                word.appendCodePoint(c);
              } else {
                flush(word, words);
              }
            });
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (!word.isEmpty()) {
      words.add(word.toString());
      word.setLength(0);
    }
  }
}
