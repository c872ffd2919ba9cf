package dev.atrium.inference.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.inference.embedding.Pooling;
import dev.atrium.plugin.api.inference.Task;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CatalogConfigTest {

  @Test
  void anEmptySectionServesTheBundledModelsWithDefaults() {
    CatalogConfig config = CatalogConfig.parse(new JsonObject(), 8);

    assertThat(config.models())
        .extracting(ModelSpec::id)
        .containsExactly("all-minilm-l6-v2", "bge-small-zh-v15", "stories260k");
    ModelSpec english = config.models().getFirst();
    assertThat(english.task()).isEqualTo(Task.EMBEDDING);
    assertThat(english.engine()).isEqualTo("OnnxRuntime");
    assertThat(english.devices()).containsExactly("auto");
    assertThat(english.embedding().orElseThrow())
        .isEqualTo(new EmbeddingSpec(384, Pooling.MEAN, 256));
    assertThat(english.pool())
        .isEqualTo(new PoolSettings(8, Duration.ZERO, 1000, 1, 8, 1, Duration.ofSeconds(60)));
    // One intra-op thread per worker: on CPUs, parallel workers beat threads inside one call.
    assertThat(english.intraOpThreads(8)).isEqualTo(1);
    assertThat(config.models().get(1).embedding().orElseThrow().pooling()).isEqualTo(Pooling.CLS);
    assertThat(config.defaultEmbeddingModels())
        .containsEntry("zh", "bge-small-zh-v15")
        .containsEntry("en", "all-minilm-l6-v2");
    ModelSpec stories = config.models().get(2);
    assertThat(stories.task()).isEqualTo(Task.GENERATION);
    assertThat(stories.engine()).isEqualTo("llama.cpp");
    assertThat(stories.license()).isEqualTo("MIT");
    assertThat(stories.generation().orElseThrow().contextLength()).isEqualTo(2048);
    // One slot per worker, batch 1, and every core for the one shared llama.cpp model.
    assertThat(stories.pool())
        .isEqualTo(
            new PoolSettings(
                1,
                Duration.ZERO,
                1000,
                CatalogConfig.GENERATION_SLOTS,
                CatalogConfig.GENERATION_SLOTS,
                1,
                Duration.ofSeconds(60)));
    assertThat(stories.slots()).isEqualTo(CatalogConfig.GENERATION_SLOTS + 1);
    // The tiny bundled model computes fastest on one thread; other generation models use every
    // core unless configured.
    assertThat(stories.intraOpThreads(8)).isEqualTo(1);
    assertThat(
            CatalogConfig.parse(
                    models(
                        new JsonObject()
                            .put(
                                "big",
                                new JsonObject()
                                    .put("task", "generation")
                                    .put("artifact", "file:/models/big.gguf"))),
                    8)
                .models()
                .stream()
                .filter(m -> m.id().equals("big"))
                .findFirst()
                .orElseThrow()
                .intraOpThreads(8))
        .isEqualTo(8);
    assertThat(config.defaultGenerationModel()).contains("stories260k");
    assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void defaultsAndPerModelKeysOverrideInThatOrder() {
    JsonObject section =
        new JsonObject()
            .put("defaults", new JsonObject().put("batch_size", 16).put("max_idle_time", 0.5))
            .put(
                "models",
                new JsonObject()
                    .put(
                        "all-minilm-l6-v2",
                        new JsonObject().put("max_workers", 2).put("devices", "cpu"))
                    .put(
                        "e5",
                        new JsonObject()
                            .put("artifact", "file:/models/e5-small-v2-q")
                            .put("languages", List.of("en"))
                            .put("dimensions", 384)
                            .put("max_batch_delay", 2.5)));

    CatalogConfig config = CatalogConfig.parse(section, 2);

    ModelSpec english = config.models().getFirst();
    assertThat(english.pool().batchSize()).isEqualTo(16);
    assertThat(english.pool().maxWorkers()).isEqualTo(2);
    assertThat(english.pool().maxIdleTime()).isEqualTo(Duration.ofMillis(500));
    assertThat(english.devices()).containsExactly("cpu");
    ModelSpec e5 = config.models().get(3);
    assertThat(e5.id()).isEqualTo("e5");
    assertThat(e5.pool().maxBatchDelay()).isEqualTo(Duration.ofNanos(2_500_000));
    assertThat(e5.embedding().orElseThrow().maxTokens()).isEqualTo(512);
  }

  @Test
  void generationMistakesAreReportedWithTheirPath() {
    assertThatThrownBy(
            () ->
                CatalogConfig.parse(
                    models(
                        new JsonObject().put("stories260k", new JsonObject().put("batch_size", 4))),
                    2))
        .hasMessageContaining("batch_size must be 1 for a generation model");
    assertThatThrownBy(
            () ->
                CatalogConfig.parse(
                    models(
                        new JsonObject()
                            .put("stories260k", new JsonObject().put("context_length", 8))),
                    2))
        .hasMessageContaining("inference.models.stories260k: context_length must be at least 16");
    assertThatThrownBy(
            () ->
                CatalogConfig.parse(
                    new JsonObject().put("default_generation_model", "all-minilm-l6-v2"), 2))
        .hasMessageContaining("'all-minilm-l6-v2' is not a served generation model");
    assertThatThrownBy(
            () ->
                CatalogConfig.parse(
                    models(
                        new JsonObject()
                            .put(
                                "sentiment",
                                new JsonObject()
                                    .put("task", "classification")
                                    .put("artifact", "file:x"))),
                    2))
        .hasMessageContaining("task classification is not served yet");
  }

  @Test
  void aTabularModelScoresRowsWithXgboostInBigBatches() {
    ModelSpec fraud =
        CatalogConfig.parse(
                models(
                    new JsonObject()
                        .put(
                            "fraud",
                            new JsonObject()
                                .put("task", "tabular_scoring")
                                .put("artifact", "file:/models/fraud.ubj")
                                .put("max_workers", 1))),
                2)
            .models()
            .stream()
            .filter(m -> m.id().equals("fraud"))
            .findFirst()
            .orElseThrow();

    assertThat(fraud.task()).isEqualTo(Task.TABULAR_SCORING);
    assertThat(fraud.engine()).isEqualTo("xgboost");
    assertThat(fraud.pool().batchSize()).isEqualTo(CatalogConfig.TABULAR_BATCH_SIZE);
    assertThat(fraud.pool().maxWorkers()).isEqualTo(1);
    assertThat(fraud.intraOpThreads(2)).isEqualTo(2);
  }

  @Test
  void mistakesAreReportedWithTheirPath() {
    assertThatThrownBy(
            () -> CatalogConfig.parse(new JsonObject().put("modles", new JsonObject()), 2))
        .isInstanceOf(CatalogConfigException.class)
        .hasMessageContaining("inference: unknown key(s) [modles]");
    assertThatThrownBy(
            () ->
                CatalogConfig.parse(
                    models(
                        new JsonObject()
                            .put("all-minilm-l6-v2", new JsonObject().put("batch_sise", 3))),
                    2))
        .hasMessageContaining("inference.models.all-minilm-l6-v2: unknown key(s) [batch_sise]");
    assertThatThrownBy(
            () ->
                CatalogConfig.parse(
                    models(
                        new JsonObject()
                            .put(
                                "all-minilm-l6-v2",
                                new JsonObject().put("min_workers", 3).put("max_workers", 2))),
                    2))
        .hasMessageContaining("min_workers (3) must not exceed max_workers (2)");
    assertThatThrownBy(
            () ->
                CatalogConfig.parse(
                    models(
                        new JsonObject().put("x", new JsonObject().put("artifact", "classpath:x"))),
                    2))
        .hasMessageContaining("inference.models.x: dimensions is required");
    assertThatThrownBy(
            () ->
                CatalogConfig.parse(
                    models(
                        new JsonObject()
                            .put("bge-small-zh-v15", new JsonObject().put("pooling", "max"))),
                    2))
        .hasMessageContaining("pooling must be one of [mean, cls], got 'max'");
    assertThatThrownBy(
            () ->
                CatalogConfig.parse(
                    new JsonObject()
                        .put("default_embedding_models", new JsonObject().put("fr", "camembert")),
                    2))
        .hasMessageContaining("'camembert' is not a served embedding model");
  }

  private static JsonObject models(JsonObject models) {
    return new JsonObject().put("models", models);
  }
}
