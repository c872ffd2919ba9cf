package dev.atrium.inference;

import static dev.atrium.inference.TestPools.await;
import static dev.atrium.inference.TestPools.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.inference.catalog.ArtifactSource;
import dev.atrium.inference.catalog.CatalogConfig;
import dev.atrium.plugin.api.inference.ChatMessage;
import dev.atrium.plugin.api.inference.ContextLengthExceededException;
import dev.atrium.plugin.api.inference.FinishReason;
import dev.atrium.plugin.api.inference.GenerationRequest;
import dev.atrium.plugin.api.inference.GenerationResult;
import dev.atrium.plugin.api.inference.InvalidInputException;
import dev.atrium.plugin.api.inference.ModelDefinition;
import dev.atrium.plugin.api.inference.ModelInfo;
import dev.atrium.plugin.api.inference.ModelRegistration;
import dev.atrium.plugin.api.inference.ModelRegistry;
import dev.atrium.plugin.api.inference.Prompt;
import dev.atrium.plugin.api.inference.Sampling;
import dev.atrium.plugin.api.inference.Task;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generation pool on the real bundled model (stories260K through llama.cpp). */
final class GenerationPoolTest {

  private static final String MODEL = "stories260k";
  private static final String STORY = "Once upon a time, there was a little girl named Lily.";
  private static final SimpleMeterRegistry METRICS = new SimpleMeterRegistry();
  private static InferencePool pool;

  @BeforeAll
  static void start() {
    JsonObject section =
        new JsonObject()
            .put("bundled_models", false)
            .put("drain_timeout", 5)
            .put(
                "models",
                new JsonObject()
                    .put(
                        MODEL,
                        new JsonObject()
                            .put("task", "generation")
                            .put("artifact", "classpath:atrium/models/stories260K.gguf")
                            .put("context_length", 256)
                            .put("max_workers", 2)
                            .put("min_workers", 2)
                            .put("express_workers", 1)));
    pool = InferencePool.builder(CatalogConfig.parse(section, 2)).meterRegistry(METRICS).build();
  }

  @AfterAll
  static void stop() {
    pool.close();
  }

  private static GenerationRequest request(String tenant, Prompt prompt, Sampling sampling) {
    return GenerationRequest.of(tenant, prompt, sampling, Duration.ofSeconds(30));
  }

  @Test
  void generatesUpToMaxTokensAndSaysSo() throws Exception {
    GenerationResult result =
        await(pool.generate(request("t1", Prompt.text(STORY), Sampling.maxTokens(8))));

    assertThat(result.modelId()).isEqualTo(MODEL);
    assertThat(result.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(result.completionTokens()).isEqualTo(8);
    assertThat(result.promptTokens()).isGreaterThan(10);
    assertThat(result.text()).isNotBlank();
    assertThat(result.usage().tokens()).isEqualTo(result.promptTokens() + 8L);
    assertThat(result.usage().device()).isEqualTo("cpu");
    assertThat(METRICS.get("atrium.inference.tokens").tag("model", MODEL).counter().count())
        .isGreaterThanOrEqualTo(result.usage().tokens());
  }

  @Test
  void streamsEveryTokenInOrderAndTheTokensMakeTheText() throws Exception {
    List<String> pieces = new CopyOnWriteArrayList<>();
    List<Integer> indexes = new CopyOnWriteArrayList<>();
    GenerationResult result =
        await(
            pool.stream(
                request("t1", Prompt.text(STORY), Sampling.maxTokens(20)),
                (text, index) -> {
                  pieces.add(text);
                  indexes.add(index);
                },
                Promise.promise().future()));

    assertThat(String.join("", pieces)).isEqualTo(result.text());
    assertThat(indexes).startsWith(0, 1, 2).isSorted();
    assertThat(result.completionTokens()).isEqualTo(20);
  }

  @Test
  void theSameSeedWritesTheSameText() throws Exception {
    Sampling sampling = Sampling.maxTokens(24).withTemperature(0.9).withSeed(1234);
    String first = await(pool.generate(request("t1", Prompt.text(STORY), sampling))).text();
    String second = await(pool.generate(request("t2", Prompt.text(STORY), sampling))).text();
    String other =
        await(pool.generate(request("t1", Prompt.text(STORY), sampling.withSeed(99)))).text();

    assertThat(second).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void stopsBeforeAStopStringAndLeavesItOut() throws Exception {
    GenerationResult free =
        await(
            pool.generate(
                request("t1", Prompt.text(STORY), Sampling.maxTokens(40).withTemperature(0))));
    String word = free.text().trim().split("\\s+")[2];
    GenerationResult stopped =
        await(
            pool.generate(
                request(
                    "t1",
                    Prompt.text(STORY),
                    Sampling.maxTokens(40).withTemperature(0).withStop(List.of(word)))));

    assertThat(stopped.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(stopped.text()).doesNotContain(word);
    assertThat(free.text()).startsWith(stopped.text());
  }

  @Test
  void aJsonSchemaConstrainsTheOutputToValidJson() throws Exception {
    String schema =
        """
        {"type": "object", "properties": {"name": {"type": "string", "maxLength": 12},
         "age": {"type": "integer", "minimum": 1, "maximum": 99}},
         "required": ["name", "age"], "additionalProperties": false}""";
    GenerationResult result =
        await(
            pool.generate(
                request(
                    "t1",
                    Prompt.chat(List.of(ChatMessage.user("Tell me about Lily."))),
                    Sampling.maxTokens(120).withSeed(7).withJsonSchema(schema))));

    assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
    JsonObject json = new JsonObject(result.text());
    assertThat(json.fieldNames()).containsExactlyInAnyOrder("name", "age");
    assertThat(json.getInteger("age")).isBetween(1, 99);
    assertThat(json.getString("name").length()).isLessThanOrEqualTo(12);
  }

  @Test
  void schemasLlamaCppWouldAbortOnAreRefusedAndThePoolLivesOn() throws Exception {
    for (String schema :
        List.of(
            "{\"type\": 5}",
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"strin\"}}}",
            "{\"$ref\":\"#/nope\"}",
            "{\"type\":\"string\",\"pattern\":\"((((\"}",
            "{\"type\":\"integer\",\"minimum\":\"x\"}",
            "{\"not\":{\"type\":\"string\"}}",
            "[1]")) {
      Future<GenerationResult> refused =
          pool.generate(
              request("t1", Prompt.text(STORY), Sampling.maxTokens(4).withJsonSchema(schema)));
      assertThat(failure(refused)).as(schema).isInstanceOf(InvalidInputException.class);
    }
    assertThat(
            await(pool.generate(request("t1", Prompt.text(STORY), Sampling.maxTokens(2))))
                .completionTokens())
        .isEqualTo(2);
  }

  @Test
  void aPromptLongerThanTheContextIsRefused() throws Exception {
    Throwable failure =
        failure(
            pool.generate(
                request("t1", Prompt.text("Lily ran. ".repeat(200)), Sampling.maxTokens(4))));

    assertThat(failure).isInstanceOf(ContextLengthExceededException.class);
    assertThat(((ContextLengthExceededException) failure).contextLength()).isEqualTo(256);
  }

  @Test
  void maxTokensIsLoweredToWhatTheContextHolds() throws Exception {
    GenerationResult result =
        await(pool.generate(request("t1", Prompt.text(STORY), Sampling.maxTokens(10_000))));

    assertThat(result.promptTokens() + result.completionTokens()).isLessThanOrEqualTo(256);
  }

  @Test
  void cancellingMidStreamStopsWithinATokenAndFreesTheSlot() throws Exception {
    Promise<Void> cancel = Promise.promise();
    CountDownLatch started = new CountDownLatch(3);
    Future<GenerationResult> running =
        pool.stream(
            request("t-cancel", Prompt.text(STORY), Sampling.maxTokens(200)),
            (text, index) -> started.countDown(),
            cancel.future());
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    cancel.complete();

    GenerationResult result = await(running);
    assertThat(result.finishReason()).isEqualTo(FinishReason.CANCELLED);
    assertThat(result.completionTokens()).isLessThan(200);
    assertThat(pool.snapshot().get(0).inFlight()).isZero();
  }

  @Test
  void aLightTenantStreamsWhileAHeavyOneHoldsEveryRegularSlot() throws Exception {
    List<Future<GenerationResult>> flood = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      flood.add(pool.generate(request("heavy", Prompt.text(STORY), Sampling.maxTokens(150 + i))));
    }
    GenerationResult light =
        await(pool.generate(request("light", Prompt.text(STORY), Sampling.maxTokens(8))));

    assertThat(light.completionTokens()).isEqualTo(8);
    long heavyDone = flood.stream().filter(Future::isComplete).count();
    assertThat(heavyDone).as("the light tenant did not wait for the flood").isLessThan(5);
    for (Future<GenerationResult> f : flood) {
      await(f);
    }
  }

  @Test
  void pluginsRegisterModelsThatAreSharedAndUnloadedWithTheLastHold(@TempDir Path dir)
      throws Exception {
    Path file =
        Files.copy(
            new ArtifactSource("classpath:atrium/models/stories260K.gguf").file(""),
            dir.resolve("tiny.gguf"));
    ModelDefinition definition =
        new ModelDefinition(
            "plugin-tiny", Task.GENERATION, file, new JsonObject().put("context_length", 128));
    ModelRegistry first = pool.registryFor("plugin-a");
    ModelRegistry second = pool.registryFor("plugin-b");

    ModelRegistration a = await(first.register(definition));
    ModelRegistration b = await(second.register(definition));
    assertThat(model("plugin-tiny").owner()).isEqualTo("plugin-a,plugin-b");
    assertThat(model("plugin-tiny").maxInputTokens()).isEqualTo(128);
    GenerationResult served =
        await(
            pool.generate(
                request("t1", Prompt.text(STORY), Sampling.maxTokens(3)).withModel("plugin-tiny")));
    assertThat(served.modelId()).isEqualTo("plugin-tiny");

    Throwable taken =
        failure(
            first.register(
                new ModelDefinition(
                    "plugin-tiny", Task.GENERATION, dir.resolve("other.gguf"), new JsonObject())));
    assertThat(taken).isInstanceOf(InvalidInputException.class).hasMessageContaining("taken");

    a.close();
    assertThat(model("plugin-tiny").owner()).isEqualTo("plugin-b");
    assertThat(METRICS.find("atrium.inference.workers").tag("model", "plugin-tiny").gauge())
        .isNotNull();
    b.close();
    assertThat(pool.models()).extracting(ModelInfo::id).doesNotContain("plugin-tiny");
    assertThat(
            TestPools.eventually(
                Duration.ofSeconds(20),
                () ->
                    METRICS.find("atrium.inference.workers").tag("model", "plugin-tiny").gauge()
                        == null))
        .as("an unloaded model's meters are removed")
        .isTrue();
  }

  private static ModelInfo model(String id) {
    return pool.model(id).orElseThrow();
  }
}
