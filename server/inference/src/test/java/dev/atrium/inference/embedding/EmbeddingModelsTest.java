package dev.atrium.inference.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.inference.InferencePool;
import dev.atrium.inference.PoolSnapshot;
import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.EmbeddingResult;
import dev.atrium.plugin.api.inference.ModelInfo;
import dev.atrium.plugin.api.inference.Task;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The two bundled ONNX models, loaded for real, behind the real pool. */
final class EmbeddingModelsTest {

  private static InferencePool pool;

  @BeforeAll
  static void load() {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    JsonObject section =
        new JsonObject()
            .put("defaults", new JsonObject().put("max_workers", 1))
            .put(
                "models",
                new JsonObject()
                    .put("all-minilm-l6-v2", new JsonObject().put("devices", "cpu"))
                    .put("bge-small-zh-v15", new JsonObject().put("devices", "cpu")));
    pool = InferencePool.create(section, new SimpleMeterRegistry());
  }

  @AfterAll
  static void close() {
    pool.close();
  }

  @Test
  void englishParaphrasesAreCloserThanUnrelatedSentences() throws Exception {
    EmbeddingResult result =
        embed(
            List.of(
                "The cat is sleeping on the sofa.",
                "A cat naps on the couch.",
                "Quarterly revenue grew by eight percent."));

    assertThat(result.modelId()).isEqualTo("all-minilm-l6-v2");
    assertThat(result.vectors()).allSatisfy(v -> assertThat(v).hasSize(384));
    assertThat(norm(result.vectors().get(0)))
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    double paraphrase = cosine(result.vectors().get(0), result.vectors().get(1));
    double unrelated = cosine(result.vectors().get(0), result.vectors().get(2));
    assertThat(paraphrase).isGreaterThan(0.6).isGreaterThan(unrelated + 0.3);
    assertThat(result.usage().items()).isEqualTo(3);
    assertThat(result.usage().tokens()).isBetween(20L, 40L);
    assertThat(result.usage().device()).isEqualTo("cpu");
  }

  @Test
  void chineseTextIsRoutedToTheChineseModel() throws Exception {
    EmbeddingResult result =
        embed(List.of("今天天气很好，我们去公园散步吧。", "天气不错，一起去公园走走。", "公司第三季度的营业收入增长了百分之八。"));

    assertThat(result.modelId()).isEqualTo("bge-small-zh-v15");
    assertThat(result.vectors()).allSatisfy(v -> assertThat(v).hasSize(512));
    double paraphrase = cosine(result.vectors().get(0), result.vectors().get(1));
    double unrelated = cosine(result.vectors().get(0), result.vectors().get(2));
    assertThat(paraphrase).isGreaterThan(unrelated + 0.1);
  }

  @Test
  void longTextsAreTruncatedAndTheCatalogDescribesTheModels() throws Exception {
    String longText = "word ".repeat(2000);
    EmbeddingResult result = embed(List.of(longText, "short"));
    assertThat(result.usage().tokens()).isEqualTo(256 + 3);

    assertThat(pool.models())
        .filteredOn(model -> model.task() == Task.EMBEDDING)
        .extracting(ModelInfo::id, ModelInfo::dimensions, ModelInfo::languages)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "all-minilm-l6-v2", OptionalInt.of(384), List.of("en")),
            org.assertj.core.groups.Tuple.tuple(
                "bge-small-zh-v15", OptionalInt.of(512), List.of("zh")));
    assertThat(pool.snapshot()).extracting(PoolSnapshot::devices).containsOnly(List.of("cpu"));
  }

  private static EmbeddingResult embed(List<String> texts) throws Exception {
    return pool.embed(EmbeddingRequest.of("tenant", texts, Duration.ofSeconds(30)))
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot / (norm(a) * norm(b));
  }

  private static double norm(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    return Math.sqrt(sum);
  }
}
