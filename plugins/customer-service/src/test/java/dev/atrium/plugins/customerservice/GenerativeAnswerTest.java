package dev.atrium.plugins.customerservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.inference.InferencePool;
import dev.atrium.plugin.api.JobStatus;
import dev.atrium.plugin.api.KnowledgeDocument;
import dev.atrium.plugin.api.KnowledgeUpload;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.testkit.PluginUnderTest;
import dev.atrium.plugin.testkit.TestingPluginContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated answers on the real parts: the plugin on the testkit, with the server's inference pool
 * and its bundled models (all-minilm-l6-v2 and bge-small-zh-v15 for retrieval and the support
 * check, the tiny stories260k for writing). The tiny model writes children's stories, so a support
 * question gets an unsupported answer and must fall back; a passage that is itself a children's
 * story is where its answer can be supported.
 */
final class GenerativeAnswerTest {
  private static final String MODEL = "stories260k";

  private static InferencePool pool;
  private static TestingPluginContext context;
  private static PluginUnderTest<CustomerServicePlugin> plugin;

  @BeforeAll
  static void start() {
    pool = InferencePool.create(new JsonObject(), new SimpleMeterRegistry());
    context = new TestingPluginContext("customer-service", "1.0.0", pool);
    plugin = PluginUnderTest.start(context, CustomerServicePlugin.class);
  }

  @AfterAll
  static void stop() {
    if (plugin != null) {
      plugin.close();
    }
    context.close();
    pool.close();
  }

  @Test
  void theTinyModelsStoryIsNotSupportedByAPolicyAndFallsBackToTheExtractedAnswer()
      throws Exception {
    String tenant = tenantWith("returns-and-refunds-en.md", generating(48));

    JsonObject answer =
        ask(tenant, "How long until I get my money back after sending something back?");

    assertThat(answer.getString("mode")).as(answer.encode()).isEqualTo("extractive_fallback");
    assertThat(answer.getString("fallbackReason")).isIn("unsupported", "unsupported_number");
    assertThat(answer.getBoolean("handoff")).isFalse();
    assertThat(answer.getString("answer")).contains("14 days");
    JsonObject generation = answer.getJsonObject("generation");
    assertThat(generation.getString("model")).isEqualTo(MODEL);
    assertThat(generation.getInteger("completionTokens")).isBetween(1, 48);
    assertThat(generation.getDouble("support")).isLessThan(CsSettings.DEFAULT_SUPPORT_THRESHOLD);
    JsonArray citations = answer.getJsonArray("citations");
    assertThat(citations).isNotEmpty();
    assertThat(citations.getJsonObject(0).getDouble("support")).isNotNull();
    // The host bills a request's generation on the platform's meters; the plugin adds none.
    assertThat(context.usage().total(tenant, "prompt_tokens")).isZero();
    assertThat(context.usage().total(tenant, "completion_tokens")).isZero();
    assertThat(context.usage().total(tenant, "questions_answered")).isEqualTo(1);
  }

  @Test
  void anAnswerThePassageStatesIsGivenAsWrittenWithItsCitation() throws Exception {
    String tenant = storyTenant();

    JsonObject answer = ask(tenant, "What did Lily say?");

    assertThat(answer.getString("mode")).as(answer.encode()).isEqualTo("generative");
    assertThat(answer.getString("answer")).isEqualTo("\"Let's go!\" said Lily.");
    assertThat(answer.containsKey("fallbackReason")).isFalse();
    JsonObject citation = answer.getJsonArray("citations").getJsonObject(0);
    assertThat(citation.getString("documentId")).isEqualTo("park-story.txt");
    assertThat(citation.getDouble("support")).isGreaterThan(0.99);
    JsonObject generation = answer.getJsonObject("generation");
    assertThat(generation.getDouble("support")).isGreaterThan(0.99);
    assertThat(generation.getLong("completionTokens")).isPositive();
  }

  @Test
  void aStreamedAnswerOnAHostThatCannotStreamLeadsItsBodyWithThePassagesAndTheDraftsTokens()
      throws Exception {
    String tenant = storyTenant();

    PluginResponse response =
        plugin.post(
            "/answer",
            tenant,
            new JsonObject().put("question", "What did Lily say?").put("stream", true));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).isEqualTo("text/event-stream");
    List<String> events =
        List.of(response.body().toString().split("\n\n")).stream()
            .map(e -> e.substring("data: ".length()))
            .toList();
    assertThat(events.getLast()).isEqualTo("[DONE]");
    JsonObject retrieval = new JsonObject(events.getFirst());
    JsonObject result = new JsonObject(events.get(events.size() - 2));
    assertThat(retrieval.getString("type")).isEqualTo("retrieval");
    assertThat(retrieval.getJsonArray("citations").getJsonObject(0).getString("documentId"))
        .isEqualTo("park-story.txt");
    assertThat(result.getString("type")).isEqualTo("result");
    assertThat(result.getString("mode")).as(result.encode()).isEqualTo("generative");
    List<JsonObject> tokens =
        events.subList(1, events.size() - 2).stream().map(JsonObject::new).toList();
    assertThat(tokens).allMatch(t -> t.getString("type").equals("token"));
    String draft = tokens.stream().map(t -> t.getString("text")).reduce("", String::concat);
    assertThat(draft.strip()).startsWith(result.getString("answer"));
    assertThat(tokens.size())
        .isBetween(1, result.getJsonObject("generation").getInteger("completionTokens"));
  }

  @Test
  void withoutAGenerationModelAnswersStayExtractiveAndNothingIsGenerated() throws Exception {
    String tenant = tenantWith("returns-and-refunds-en.md", new JsonObject());

    JsonObject answer =
        ask(tenant, "How long until I get my money back after sending something back?");

    assertThat(answer.getString("mode")).isEqualTo("extractive");
    assertThat(answer.containsKey("generation")).isFalse();
  }

  @Test
  void aModelThePlatformDoesNotServeFallsBackAndSaysWhy() throws Exception {
    String tenant =
        tenantWith(
            "returns-and-refunds-en.md", new JsonObject().put("generationModel", "gpt-none"));

    JsonObject answer =
        ask(tenant, "How long until I get my money back after sending something back?");

    assertThat(answer.getString("mode")).isEqualTo("extractive_fallback");
    assertThat(answer.getString("fallbackReason")).isEqualTo("model_not_served");
    assertThat(answer.getString("answer")).contains("14 days");
  }

  @Test
  void generationSettingsAreValidated() {
    String tenant = TestingPluginContext.newTenantId();
    for (JsonObject bad :
        List.of(
            new JsonObject().put("generationModel", "Not A Model"),
            new JsonObject().put("supportThreshold", 1.5),
            new JsonObject().put("generationMaxTokens", 5))) {
      assertThatThrownBy(() -> context.setSettings(tenant, bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad.fieldNames().iterator().next());
    }
  }

  private static JsonObject generating(int maxTokens) {
    return new JsonObject().put("generationModel", MODEL).put("generationMaxTokens", maxTokens);
  }

  /**
   * A new tenant generating with the tiny model and knowing a children's story: where the tiny
   * model can be right, as asked what Lily said it writes (greedily) the line of the passage, which
   * supports it fully.
   */
  private static String storyTenant() throws Exception {
    String tenant = TestingPluginContext.newTenantId();
    context.setSettings(tenant, generating(24));
    ingest(
        tenant,
        "park-story.txt",
        "Lily and her mom went to the park. \"Let's go!\" said Lily."
            + " They played on the swings and had fun.");
    return tenant;
  }

  /** A new tenant with {@code settings} and one evaluation document in its knowledge base. */
  private static String tenantWith(String document, JsonObject settings) throws Exception {
    String tenant = TestingPluginContext.newTenantId();
    context.setSettings(tenant, settings);
    ingest(tenant, document, Files.readString(Path.of("eval/docs").resolve(document)));
    return tenant;
  }

  private static void ingest(String tenant, String name, String text) throws Exception {
    KnowledgeDocument started =
        context
            .tenant(tenant)
            .knowledge(CustomerServicePlugin.KNOWLEDGE_BASE)
            .ingest(new KnowledgeUpload(Optional.of(name), name, null, Buffer.buffer(text)))
            .await();
    String job = started.jobId().orElseThrow();
    Instant end = Instant.now().plus(Duration.ofSeconds(60));
    JobStatus status = context.scheduler().status(job).orElseThrow();
    while (status.state() == JobStatus.State.RUNNING) {
      assertThat(Instant.now()).as(name + " still ingesting").isBefore(end);
      Thread.sleep(20);
      status = context.scheduler().status(job).orElseThrow();
    }
    assertThat(status.state()).as(status.error().orElse("")).isEqualTo(JobStatus.State.SUCCEEDED);
  }

  private static JsonObject ask(String tenant, String question) {
    PluginResponse response =
        plugin.post("/answer", tenant, new JsonObject().put("question", question));
    assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
    return response.body().toJsonObject();
  }
}
