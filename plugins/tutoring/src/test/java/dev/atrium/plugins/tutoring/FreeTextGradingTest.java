package dev.atrium.plugins.tutoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.inference.InferencePool;
import dev.atrium.plugin.api.JobStatus;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.testkit.PluginUnderTest;
import dev.atrium.plugin.testkit.TestingPluginContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Free-text grading and help on the real parts: the plugin on the testkit with the server's
 * inference pool and its bundled models (all-minilm-l6-v2 for English, bge-small-zh-v15 for
 * Chinese, the tiny stories260k for generated hints).
 */
final class FreeTextGradingTest {
  private static InferencePool pool;
  private static TestingPluginContext context;
  private static PluginUnderTest<TutoringPlugin> plugin;
  private static String tenant;

  @BeforeAll
  static void start() {
    pool = InferencePool.create(new JsonObject(), new SimpleMeterRegistry());
    context = new TestingPluginContext("tutoring", "1.0.0", pool);
    plugin = PluginUnderTest.start(context, TutoringPlugin.class);
    tenant = TestingPluginContext.newTenantId();
    plugin.put(
        "/courses/bio",
        tenant,
        TutoringPluginTest.course(
            TutoringPluginTest.skill("photosynthesis"), TutoringPluginTest.skill("cells")));
    JsonArray items =
        new JsonArray()
            .add(
                text(
                    "en1",
                    "Why do plants need sunlight?",
                    "Plants use the energy of sunlight to turn water and carbon dioxide into sugar.",
                    "light energy::sunlight;light",
                    "makes sugar::sugar;glucose"))
            .add(text("zh1", "植物为什么需要阳光？", "植物利用阳光的能量把水和二氧化碳转化为糖。", "光能::阳光;光", "产生糖::糖;葡萄糖"));
    PluginResponse imported =
        plugin.post("/courses/bio/items", tenant, new JsonObject().put("items", items));
    assertThat(imported.status()).as(imported.body().toString()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    plugin.close();
    context.close();
    pool.close();
  }

  @Test
  void anEnglishParaphraseScoresAboveAnUnrelatedAnswerWithItsEvidence() {
    JsonObject paraphrase =
        grade("en1", "They capture light energy and use it to make sugar from water and CO2.");
    JsonObject unrelated = grade("en1", "My favourite football team won the match on Sunday.");
    System.out.printf(
        "free text EN: paraphrase %.3f, unrelated %.3f%n",
        paraphrase.getDouble("score"), unrelated.getDouble("score"));
    assertThat(paraphrase.getDouble("score"))
        .as(paraphrase.encode())
        .isGreaterThan(unrelated.getDouble("score") + 0.3);
    assertThat(paraphrase.getBoolean("right")).isTrue();
    assertThat(unrelated.getBoolean("right")).isFalse();
    JsonObject evidence = paraphrase.getJsonObject("evidence");
    assertThat(evidence.getString("reference")).startsWith("Plants use");
    assertThat(evidence.getJsonArray("rubric").getJsonObject(1).getBoolean("found")).isTrue();
    assertThat(paraphrase.getJsonObject("moderation").getString("moderation"))
        .isIn("checked", "unavailable");
  }

  @Test
  void aChineseParaphraseScoresAboveAnUnrelatedAnswer() {
    JsonObject paraphrase = grade("zh1", "因为植物要靠光能把二氧化碳和水变成糖分。");
    JsonObject unrelated = grade("zh1", "我周末和朋友去看了一场足球比赛。");
    System.out.printf(
        "free text ZH: paraphrase %.3f, unrelated %.3f%n",
        paraphrase.getDouble("score"), unrelated.getDouble("score"));
    assertThat(paraphrase.getDouble("score"))
        .as(paraphrase.encode() + " vs " + unrelated.encode())
        .isGreaterThan(unrelated.getDouble("score") + 0.3);
    assertThat(paraphrase.getJsonObject("evidence").getString("model")).contains("zh");
  }

  @Test
  void answersNearThePassScoreAreFlaggedForTheTeacher() {
    // A margin of 1 makes every score ambiguous: what matters here is where flagged answers go.
    context.setSettings(tenant, new JsonObject().put("reviewMargin", 1.0));
    try {
      JsonObject graded = grade("en1", "Sunlight gives them energy.");
      assertThat(graded.getBoolean("flaggedForReview")).isTrue();
      JsonArray reviews =
          plugin.get("/courses/bio/reviews", tenant).body().toJsonObject().getJsonArray("data");
      assertThat(reviews.stream().map(JsonObject.class::cast))
          .anySatisfy(
              r -> {
                assertThat(r.getString("answer")).isEqualTo("Sunlight gives them energy.");
                assertThat(r.getString("reason")).isEqualTo("ambiguous");
                assertThat(r.getJsonObject("evidence").getString("reference")).isNotBlank();
              });
    } finally {
      context.setSettings(tenant, new JsonObject());
    }
  }

  @Test
  void helpCitesTheCourseMaterialAndAGeneratedHintFallsBackWhenUnsupported() throws Exception {
    PluginResponse uploaded =
        plugin.call(
            HttpMethod.POST,
            "/courses/bio/materials?fileName=photosynthesis.txt&skills=photosynthesis",
            tenant,
            Buffer.buffer(
                "Photosynthesis happens in the chloroplasts of leaves. Chlorophyll absorbs"
                    + " sunlight, and the plant uses that energy to make glucose from water and"
                    + " carbon dioxide, releasing oxygen."));
    assertThat(uploaded.status()).as(uploaded.body().toString()).isEqualTo(202);
    awaitJob(uploaded.body().toJsonObject().getString("jobId"));

    JsonObject answer =
        help(new JsonObject().put("question", "Where in the plant does photosynthesis happen?"));
    assertThat(answer.getString("mode")).isEqualTo("passage");
    assertThat(answer.getString("answer")).contains("chloroplasts");
    assertThat(answer.getJsonArray("citations").getJsonObject(0).getString("documentId"))
        .isEqualTo("bio-photosynthesis.txt");

    context.setSettings(
        tenant,
        new JsonObject().put("generationModel", "stories260k").put("generationMaxTokens", 24));
    JsonObject hint = help(new JsonObject().put("itemId", "en1"));
    assertThat(hint.getString("kind")).isEqualTo("hint");
    assertThat(hint.getJsonObject("generation").getString("model")).isEqualTo("stories260k");
    assertThat(hint.getString("mode")).isIn("generated", "passage_fallback");
    if (hint.getString("mode").equals("passage_fallback")) {
      assertThat(hint.getString("answer")).contains("chloroplasts");
    }
    assertThat(context.usage().total(tenant, "qa_answers")).isEqualTo(2);
    assertThat(context.usage().total(tenant, "generated_tokens")).isPositive();
    context.setSettings(tenant, new JsonObject());

    String other = TestingPluginContext.newTenantId();
    plugin.put("/courses/bio", other, TutoringPluginTest.course(TutoringPluginTest.skill("s")));
    JsonObject isolated =
        plugin
            .post(
                "/help",
                other,
                new JsonObject()
                    .put("courseId", "bio")
                    .put("question", "Where does photosynthesis happen?"))
            .body()
            .toJsonObject();
    assertThat(isolated.getString("mode")).isEqualTo("no_material");
  }

  private static JsonObject help(JsonObject body) {
    PluginResponse response = plugin.post("/help", tenant, body.put("courseId", "bio"));
    assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
    return response.body().toJsonObject();
  }

  private static void awaitJob(String job) throws InterruptedException {
    Instant end = Instant.now().plus(Duration.ofSeconds(60));
    JobStatus status = context.scheduler().status(job).orElseThrow();
    while (status.state() == JobStatus.State.RUNNING) {
      assertThat(Instant.now()).isBefore(end);
      Thread.sleep(20);
      status = context.scheduler().status(job).orElseThrow();
    }
    assertThat(status.state()).isEqualTo(JobStatus.State.SUCCEEDED);
  }

  private static JsonObject grade(String item, String answer) {
    String learner = "g" + System.nanoTime();
    plugin.put(
        "/learners/" + learner,
        tenant,
        new JsonObject().put("courses", new JsonArray().add("bio")));
    PluginResponse response =
        plugin.post(
            "/responses",
            tenant,
            new JsonObject()
                .put("learnerId", learner)
                .put("courseId", "bio")
                .put("itemId", item)
                .put("answer", answer));
    assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
    return response.body().toJsonObject();
  }

  private static JsonObject text(String id, String prompt, String reference, String... rubric) {
    JsonArray points = new JsonArray();
    for (String point : rubric) {
      String[] parts = point.split("::");
      points.add(
          new JsonObject()
              .put("point", parts[0])
              .put("keywords", new JsonArray(java.util.List.of((Object[]) parts[1].split(";")))));
    }
    return new JsonObject()
        .put("id", id)
        .put("type", "text")
        .put("skills", new JsonArray().add("photosynthesis"))
        .put("prompt", prompt)
        .put("references", new JsonArray().add(reference))
        .put("rubric", points);
  }
}
