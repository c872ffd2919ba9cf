package dev.atrium.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.atrium.inference.InferencePool;
import dev.atrium.plugin.api.inference.FinishReason;
import dev.atrium.plugin.api.inference.GenerationRequest;
import dev.atrium.plugin.api.inference.GenerationResult;
import dev.atrium.plugin.api.inference.ModelDefinition;
import dev.atrium.plugin.api.inference.ModelInfo;
import dev.atrium.plugin.api.inference.ModelNotFoundException;
import dev.atrium.plugin.api.inference.ModelRegistration;
import dev.atrium.plugin.api.inference.Prompt;
import dev.atrium.plugin.api.inference.Sampling;
import dev.atrium.plugin.api.inference.Task;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Promise;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generation through the testkit's context runs the real tiny model on the real pool: whole and
 * streamed (greedy sampling writes the same text both ways), listed in the catalog, and plugins can
 * register models.
 */
final class TestingInferenceTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Prompt STORY = Prompt.text("Once upon a time, there was a little girl");

  private static TestingPluginContext context;
  private static final String TENANT = TestingPluginContext.newTenantId();

  @BeforeAll
  static void start() {
    context = new TestingPluginContext("story-test");
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @Test
  void generatesWithTheTinyModelUpToMaxTokens() {
    GenerationResult result =
        context
            .inference()
            .generate(
                GenerationRequest.of(TENANT, STORY, Sampling.maxTokens(12).withSeed(7), TIMEOUT))
            .await();

    assertThat(result.modelId()).isEqualTo(TestingInference.GENERATION_MODEL);
    assertThat(result.text()).isNotBlank();
    assertThat(result.completionTokens()).isEqualTo(12);
    assertThat(result.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(result.promptTokens()).isPositive();
    assertThat(result.usage().device()).isEqualTo("cpu");
  }

  @Test
  void streamsEveryTokenInOrderAndWritesWhatGenerateWrites() {
    GenerationRequest request =
        GenerationRequest.of(TENANT, STORY, Sampling.maxTokens(16).withTemperature(0), TIMEOUT);
    List<String> tokens = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    GenerationResult streamed =
        context.inference().stream(
                request,
                (text, index) -> {
                  synchronized (tokens) {
                    tokens.add(text);
                    indexes.add(index);
                  }
                },
                Promise.promise().future())
            .await();

    synchronized (tokens) {
      assertThat(indexes).hasSize(streamed.completionTokens());
      for (int i = 0; i < indexes.size(); i++) {
        assertThat(indexes.get(i)).isEqualTo(i);
      }
      assertThat(String.join("", tokens)).isEqualTo(streamed.text());
    }
    assertThat(context.inference().generate(request).await().text()).isEqualTo(streamed.text());
  }

  @Test
  void theCatalogListsHashingEmbeddingsAndTheGenerationModel() {
    assertThat(context.models().models())
        .extracting(ModelInfo::id, ModelInfo::task)
        .contains(
            tuple(HashingEmbeddings.MODEL_ID, Task.EMBEDDING),
            tuple(TestingInference.GENERATION_MODEL, Task.GENERATION));
    ModelInfo tiny = context.models().model(TestingInference.GENERATION_MODEL).orElseThrow();
    assertThat(tiny.maxInputTokens()).isEqualTo(TestingInference.CONTEXT_LENGTH);
    assertThat(tiny.owner()).isEqualTo(ModelInfo.CATALOG_OWNER);
  }

  @Test
  void aPluginRegistersAModelServesItAndGivesItBack() throws Exception {
    Path file = tinyModelFile();
    ModelRegistration hold =
        context
            .modelRegistry()
            .register(ModelDefinition.of("story-test.tiny", Task.GENERATION, file))
            .await();
    assertThat(hold.model().owner()).isEqualTo("story-test");
    assertThat(context.models().model("story-test.tiny")).isPresent();
    GenerationResult result =
        context
            .inference()
            .generate(
                GenerationRequest.of(TENANT, STORY, Sampling.maxTokens(4), TIMEOUT)
                    .withModel("story-test.tiny"))
            .await();
    assertThat(result.modelId()).isEqualTo("story-test.tiny");

    hold.close();
    assertThat(context.models().model("story-test.tiny")).isEmpty();
    assertThat(
            context
                .inference()
                .generate(
                    GenerationRequest.of(TENANT, STORY, Sampling.maxTokens(4), TIMEOUT)
                        .withModel("story-test.tiny"))
                .toCompletionStage()
                .toCompletableFuture())
        .failsWithin(TIMEOUT)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(ModelNotFoundException.class);
    Files.delete(file);
  }

  @Test
  void closingTheContextGivesBackThePluginsModelsOfASharedPool() throws Exception {
    Path file = tinyModelFile();
    try (InferencePool pool =
        InferencePool.builder(TestingInference.catalog())
            .meterRegistry(new SimpleMeterRegistry())
            .build()) {
      TestingPluginContext plugin = new TestingPluginContext("holder", "1.0.0", pool);
      plugin
          .modelRegistry()
          .register(ModelDefinition.of("holder.tiny", Task.GENERATION, file))
          .await();
      assertThat(pool.model("holder.tiny").map(ModelInfo::owner)).contains("holder");

      plugin.close();

      assertThat(pool.model("holder.tiny")).isEmpty();
      assertThat(pool.model(TestingInference.GENERATION_MODEL)).isPresent();
    }
    Files.delete(file);
  }

  /** The bundled tiny model as a file, as a plugin would ship one. */
  private static Path tinyModelFile() throws Exception {
    Path file = Files.createTempFile("tiny", ".gguf");
    try (InputStream in =
        TestingInference.class.getResourceAsStream("/atrium/models/stories260K.gguf")) {
      assertThat(in).as("the bundled tiny model is on the classpath").isNotNull();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }
}
