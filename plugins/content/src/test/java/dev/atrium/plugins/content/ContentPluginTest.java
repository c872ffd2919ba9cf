package dev.atrium.plugins.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.inference.InferencePool;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.testkit.PluginUnderTest;
import dev.atrium.plugin.testkit.TestingPluginContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin on the testkit with the server's inference pool and its bundled models: the tiny
 * stories260k writes (nonsense children's stories, so these tests check shapes and mechanics, not
 * quality) and the real English and Chinese embedding models embed.
 */
final class ContentPluginTest {
  private static InferencePool pool;
  private static TestingPluginContext context;
  private static PluginUnderTest<ContentPlugin> plugin;

  @BeforeAll
  static void start() {
    pool = InferencePool.create(new JsonObject(), new SimpleMeterRegistry());
    context = new TestingPluginContext("content", "1.0.0", pool);
    plugin = PluginUnderTest.start(context, ContentPlugin.class);
  }

  @AfterAll
  static void stop() {
    if (plugin != null) {
      plugin.close();
    }
    context.close();
    pool.close();
  }

  private static String tenant(JsonObject settings) {
    String tenant = TestingPluginContext.newTenantId();
    context.setSettings(
        tenant, settings.copy().put("maxTokens", settings.getInteger("maxTokens", 48)));
    return tenant;
  }

  @Test
  void theLibraryHasBothLanguagesAndTenantTemplatesStayWithTheirTenant() {
    String a = tenant(new JsonObject());
    String b = tenant(new JsonObject());
    JsonArray zh = body(plugin.get("/templates?language=zh", a)).getJsonArray("data");
    JsonArray en = body(plugin.get("/templates?language=en", a)).getJsonArray("data");
    assertThat(zh.size()).isEqualTo(10);
    assertThat(en.size()).isEqualTo(10);
    assertProblem(plugin.get("/templates?language=fr", a), 400, "invalid_query");

    JsonObject created =
        body(
            plugin.post(
                "/templates",
                a,
                new JsonObject()
                    .put("name", "Slogan")
                    .put(
                        "prompt",
                        "A slogan for {{brand}} in {{count}} words, tone {{tone}}, about {{topics}}.")
                    .put(
                        "variables",
                        new JsonArray()
                            .add(new JsonObject().put("name", "brand").put("type", "text"))
                            .add(
                                new JsonObject()
                                    .put("name", "count")
                                    .put("type", "number")
                                    .put("minimum", 3)
                                    .put("maximum", 12))
                            .add(
                                new JsonObject()
                                    .put("name", "tone")
                                    .put("type", "enum")
                                    .put("options", new JsonArray().add("bold").add("calm")))
                            .add(
                                new JsonObject()
                                    .put("name", "topics")
                                    .put("type", "list")
                                    .put("required", false)))));
    String id = created.getString("id");
    assertThat(created.getBoolean("builtIn")).isFalse();
    assertThat(plugin.get("/templates/" + id, a).status()).isEqualTo(200);
    assertProblem(plugin.get("/templates/" + id, b), 404, "template_not_found");
    assertThat(
            body(plugin.get("/templates", b)).getJsonArray("data").stream()
                .map(t -> ((JsonObject) t).getString("id")))
        .doesNotContain(id);
    assertProblem(plugin.delete("/templates/" + id, b), 404, "template_not_found");
    assertProblem(plugin.delete("/templates/social-x-en", a), 409, "builtin_template");

    JsonObject missing =
        assertProblem(
            generate(a, id, new JsonObject().put("count", 5).put("tone", "bold")),
            400,
            "missing_variable");
    assertThat(missing.getString("variable")).isEqualTo("brand");
    JsonObject valid = new JsonObject().put("brand", "Lumen").put("count", 5).put("tone", "bold");
    JsonObject wrongType =
        assertProblem(generate(a, id, valid.copy().put("count", "five")), 400, "invalid_variable");
    assertThat(wrongType.getString("variable")).isEqualTo("count");
    JsonObject notOption =
        assertProblem(generate(a, id, valid.copy().put("tone", "loud")), 400, "invalid_variable");
    assertThat(notOption.getString("variable")).isEqualTo("tone");
    assertProblem(generate(a, id, valid.copy().put("colour", "red")), 400, "unknown_variable");
    assertProblem(
        plugin.post("/generate", b, new JsonObject().put("templateId", id)),
        404,
        "template_not_found");
    assertProblem(
        plugin.post("/generate", a, new JsonObject().put("brief", "x").put("temperature", 2)),
        400,
        "unknown_field");
    assertProblem(plugin.post("/generate", a, new JsonObject()), 400, "template_or_brief");
    assertProblem(
        plugin.post(
            "/templates",
            a,
            new JsonObject().put("name", "Bad").put("prompt", "About {{nothing}}")),
        400,
        "unknown_placeholder");
    assertProblem(
        plugin.call(HttpMethod.POST, "/generate", a, Buffer.buffer("{\"brief\":")),
        400,
        "malformed_json");
  }

  @Test
  void aJsonTemplateGivesJsonOfItsSchemaAndASocialPostKeepsItsChannelLimit() {
    String a = tenant(new JsonObject().put("maxTokens", 200));
    JsonObject ad =
        body(
            plugin.post(
                "/generate",
                a,
                new JsonObject()
                    .put("templateId", "ad-copy-en")
                    .put("n", 2)
                    .put("seed", 7)
                    .put(
                        "variables",
                        new JsonObject()
                            .put("product", "Lumen desk lamp")
                            .put("benefit", "warm light"))));
    JsonArray variants = ad.getJsonArray("variants");
    assertThat(variants).hasSize(2);
    for (Object v : variants) {
      JsonObject variant = (JsonObject) v;
      assertThat(variant.getBoolean("validJson")).as(variant.encode()).isTrue();
      JsonObject json = variant.getJsonObject("json");
      assertThat(json.getString("headline")).isNotNull().hasSizeLessThanOrEqualTo(30);
      assertThat(json.getString("description")).isNotNull().hasSizeLessThanOrEqualTo(90);
      assertThat(variant.getString("draftId")).startsWith("d-");
    }
    assertThat(context.usage().total(a, "documents_generated")).isEqualTo(2);
    // A request's generation is billed by the host on the platform's meters, not twice here.
    assertThat(context.usage().total(a, "completion_tokens")).isZero();

    JsonObject post =
        body(
            plugin.post(
                "/generate",
                a,
                new JsonObject()
                    .put("templateId", "social-x-en")
                    .put("maxTokens", 200)
                    .put(
                        "variables",
                        new JsonObject()
                            .put("topic", "a picnic")
                            .put("hashtags", new JsonArray().add("#spring")))));
    assertThat(post.getJsonArray("variants").getJsonObject(0).getString("text"))
        .hasSizeLessThanOrEqualTo(280);
  }

  @Test
  void bannedWordsAreRewrittenThenFlaggedAndNeverApproved() {
    String a = tenant(new JsonObject().put("maxRegenerations", 1));
    plugin.put(
        "/voice",
        a,
        new JsonObject()
            .put("bannedWords", new JsonArray().add("the").add("a").add("and").add("竞品"))
            .put("styleNotes", "Warm and short.")
            .put("readingLevel", "simple"));
    assertThat(body(plugin.get("/voice", a)).getJsonArray("bannedWords")).hasSize(4);
    assertThat(body(plugin.get("/voice", tenant(new JsonObject()))).getJsonArray("bannedWords"))
        .isEmpty();
    assertProblem(
        plugin.put("/voice", a, new JsonObject().put("readingLevel", "genius")),
        400,
        "invalid_field");
    JsonObject generated =
        body(
            plugin.post(
                "/generate",
                a,
                new JsonObject().put("brief", "Write a story about a dog.").put("seed", 3)));
    JsonObject variant = generated.getJsonArray("variants").getJsonObject(0);
    assertThat(variant.getInteger("attempts")).as(variant.encode()).isEqualTo(2);
    assertThat(variant.getJsonObject("moderation").getString("status")).isEqualTo("flagged");
    assertThat(variant.getJsonObject("moderation").getJsonArray("bannedTerms")).isNotEmpty();

    String draft = variant.getString("draftId");
    assertThat(
            body(plugin.post("/drafts/" + draft + "/submit", a, new JsonObject()))
                .getString("state"))
        .isEqualTo("in_review");
    JsonObject refused =
        assertProblem(
            plugin.post("/drafts/" + draft + "/approve", a, new JsonObject()), 422, "banned_terms");
    assertThat(refused.getJsonObject("moderation").getString("status")).isEqualTo("flagged");
    assertProblem(
        plugin.put("/drafts/" + draft, a, new JsonObject().put("text", "Clean words only.")),
        409,
        "draft_locked");
    body(
        plugin.post(
            "/drafts/" + draft + "/reject", a, new JsonObject().put("note", "banned words")));

    JsonObject chinese =
        body(plugin.put("/drafts/" + draft, a, new JsonObject().put("text", "我们的灯比竞品更亮。")));
    assertThat(chinese.getString("state")).isEqualTo("draft");
    assertThat(Drafts.latest(chinese).getJsonObject("moderation").getString("status"))
        .isEqualTo("flagged");
    body(plugin.post("/drafts/" + draft + "/submit", a, new JsonObject()));
    assertProblem(
        plugin.post("/drafts/" + draft + "/approve", a, new JsonObject()), 422, "banned_terms");
    body(plugin.post("/drafts/" + draft + "/reject", a, new JsonObject()));

    body(plugin.put("/drafts/" + draft, a, new JsonObject().put("text", "我们的灯更亮，也更省电。")));
    body(plugin.post("/drafts/" + draft + "/submit", a, new JsonObject()));
    JsonObject approved = body(plugin.post("/drafts/" + draft + "/approve", a, new JsonObject()));
    assertThat(approved.getString("state")).isEqualTo("approved");
    JsonObject last =
        approved.getJsonArray("history").getJsonObject(approved.getJsonArray("history").size() - 1);
    assertThat(last.getString("by")).isEqualTo("key:testkit-key");
    assertThat(last.getString("to")).isEqualTo("approved");
    assertThat(approved.getJsonArray("versions")).hasSize(3);

    JsonObject diff = body(plugin.get("/drafts/" + draft + "/diff?from=2&to=3", a));
    assertThat(diff.getJsonArray("changes").stream().map(c -> ((JsonObject) c).getString("op")))
        .contains("equal", "delete", "insert");
    assertProblem(plugin.get("/drafts/" + draft, tenant(new JsonObject())), 404, "draft_not_found");
    assertProblem(
        plugin.post("/drafts/" + draft + "/submit", a, new JsonObject()),
        409,
        "invalid_transition");
  }

  @Test
  void personalDataIsRedactedOnRequestAndFromInputsWhenTheTenantAsks() {
    String a = tenant(new JsonObject().put("redactInputs", true));
    String text = "Mail ana@example.com or call 13812345678 今天";
    JsonObject redacted = body(plugin.post("/redact", a, new JsonObject().put("text", text)));
    assertThat(redacted.getString("text")).contains("[EMAIL]").doesNotContain("ana@example.com");
    for (Object e : redacted.getJsonArray("entities")) {
      JsonObject entity = (JsonObject) e;
      assertThat(text.substring(entity.getInteger("start"), entity.getInteger("end")))
          .isEqualTo(entity.getString("text"));
    }
    JsonObject generated =
        body(
            plugin.post(
                "/generate",
                a,
                new JsonObject().put("brief", "Thank ana@example.com for the order.")));
    JsonObject redaction = generated.getJsonArray("inputRedactions").getJsonObject(0);
    assertThat(redaction.getString("field")).isEqualTo("brief");
    assertThat(redaction.getString("type")).isEqualTo("email");
    assertProblem(
        plugin.post(
            "/redact",
            a,
            new JsonObject().put("text", text).put("types", new JsonArray().add("dna"))),
        400,
        "invalid_field");
  }

  @Test
  void streamingAnswersServerSentEventsEndingWithTheResult() {
    String a = tenant(new JsonObject());
    PluginResponse response =
        plugin.post(
            "/generate",
            a,
            new JsonObject().put("brief", "A story about a cat.").put("stream", true));
    assertThat(response.contentType()).isEqualTo("text/event-stream");
    String events = response.body().toString(StandardCharsets.UTF_8);
    assertThat(events)
        .startsWith("data: {\"type\":\"token\"")
        .endsWith("data: [DONE]\n\n")
        .contains("\"type\":\"result\"");
  }

  @Test
  void aBatchOf200RowsCompletesWithProgressAndReportsItsMalformedRows() throws Exception {
    String a = tenant(new JsonObject().put("maxTokens", 16).put("batchConcurrency", 4));
    StringBuilder csv = new StringBuilder("product,features,words\n");
    for (int i = 1; i <= 198; i++) {
      csv.append("Lamp ")
          .append(i)
          .append(",\"warm light|usb, charging\",")
          .append(40 + i % 50)
          .append('\n');
    }
    csv.append("Broken row with,too,many,fields\n");
    csv.append("Lamp X,bright,forty\n");
    JsonObject batch =
        body(
            plugin.call(
                HttpMethod.POST,
                "/batches?templateId=product-description-en",
                a,
                Buffer.buffer(csv.toString())));
    assertThat(batch.getInteger("rows")).isEqualTo(200);
    String id = batch.getString("id");
    assertProblem(plugin.get("/batches/" + id, tenant(new JsonObject())), 404, "batch_not_found");
    JsonObject status = batch;
    Instant until = Instant.now().plus(Duration.ofMinutes(3));
    while (status.getString("state").equals("running") && Instant.now().isBefore(until)) {
      Thread.sleep(200);
      status = body(plugin.get("/batches/" + id, a));
    }
    assertThat(status.getString("state")).as(status.encode()).isEqualTo("succeeded");
    assertThat(status.getDouble("progress")).isEqualTo(1.0);
    JsonObject counts = status.getJsonObject("counts");
    assertThat(counts.getInteger("failed")).isEqualTo(2);
    assertThat(counts.getInteger("done") + counts.getInteger("flagged")).isEqualTo(198);
    JsonArray results = body(plugin.get("/batches/" + id + "/results", a)).getJsonArray("results");
    assertThat(results).hasSize(200);
    JsonObject malformed = results.getJsonObject(198);
    assertThat(malformed.getString("code")).isEqualTo("malformed_row");
    assertThat(malformed.getString("error")).contains("Line 200");
    assertThat(results.getJsonObject(199).getString("code")).isEqualTo("invalid_variable");
    String download =
        plugin
            .get("/batches/" + id + "/results?format=csv", a)
            .body()
            .toString(StandardCharsets.UTF_8);
    assertThat(download.split("\r\n")).hasSize(201);
    assertThat(context.usage().total(a, "batch_rows")).isEqualTo(198);
    // A batch runs outside any request: its tokens go on the plugin's own meters.
    assertThat(context.usage().total(a, "completion_tokens")).isPositive();

    assertProblem(
        plugin.call(
            HttpMethod.POST,
            "/batches?templateId=product-description-en",
            a,
            Buffer.buffer(new byte[] {'p', ',', (byte) 0xC3, 0x28, '\n'})),
        400,
        "invalid_utf8");
    assertProblem(
        plugin.call(
            HttpMethod.POST,
            "/batches?templateId=product-description-en",
            a,
            Buffer.buffer(new byte[Batches.MAX_CSV_BYTES + 1])),
        413,
        "csv_too_large");
    assertProblem(
        plugin.call(
            HttpMethod.POST,
            "/batches?templateId=product-description-en",
            a,
            Buffer.buffer("colour\nred\n")),
        400,
        "unknown_column");
    assertProblem(
        plugin.call(HttpMethod.POST, "/batches?templateId=nope", a, Buffer.buffer("a\nb\n")),
        404,
        "template_not_found");
  }

  @Test
  void aCancelledBatchStopsAndKeepsWhatIsDone() throws Exception {
    String a = tenant(new JsonObject().put("maxTokens", 16).put("batchConcurrency", 1));
    StringBuilder csv = new StringBuilder("topic\n");
    for (int i = 1; i <= 100; i++) {
      csv.append("picnic ").append(i).append('\n');
    }
    JsonObject batch =
        body(
            plugin.call(
                HttpMethod.POST,
                "/batches?templateId=social-x-en",
                a,
                Buffer.buffer(csv.toString())));
    String id = batch.getString("id");
    assertThat(
            body(plugin.post("/batches/" + id + "/cancel", a, new JsonObject()))
                .getBoolean("cancelled"))
        .isTrue();
    JsonObject status = body(plugin.get("/batches/" + id, a));
    Instant until = Instant.now().plus(Duration.ofSeconds(30));
    while (status.getString("state").equals("running") && Instant.now().isBefore(until)) {
      Thread.sleep(100);
      status = body(plugin.get("/batches/" + id, a));
    }
    assertThat(status.getString("state")).as(status.encode()).isEqualTo("cancelled");
    assertThat(status.getJsonObject("counts").getInteger("pending")).isPositive();
  }

  @Test
  void modelFreeToolsSayTheirModeAndFindNearDuplicates() {
    String a = tenant(new JsonObject());
    String article =
        "Solar lamps charge in daylight. They store energy in a small battery. At night the lamp turns on by itself."
            + " Gardens look warm with solar lamps. The battery lasts about eight hours. Cats like to sleep in the sun.";
    JsonObject summary =
        body(
            plugin.post(
                "/summarize", a, new JsonObject().put("text", article).put("sentences", 2)));
    assertThat(summary.getString("mode")).isEqualTo("extractive_centrality");
    assertThat(summary.getJsonArray("sentences")).hasSize(2);
    assertThat(
            body(plugin.post("/keywords", a, new JsonObject().put("text", article)))
                .getJsonArray("keyPhrases")
                .encode())
        .contains("solar lamps");
    JsonObject en = body(plugin.post("/stats", a, new JsonObject().put("text", article)));
    assertThat(en.getInteger("sentences")).isEqualTo(6);
    assertThat(en.getDouble("fleschReadingEase")).isPositive();
    JsonObject zh =
        body(plugin.post("/stats", a, new JsonObject().put("text", "太阳能灯白天充电。晚上自动亮起。")));
    assertThat(zh.getString("language")).isEqualTo("zh");
    assertThat(zh.getInteger("hanCharacters")).isEqualTo(14);

    JsonObject generated =
        body(
            plugin.post("/generate", a, new JsonObject().put("brief", "Solar lamps for gardens.")));
    String text = generated.getJsonArray("variants").getJsonObject(0).getString("text");
    JsonObject duplicates = body(plugin.post("/duplicates", a, new JsonObject().put("text", text)));
    assertThat(duplicates.getString("mode")).isEqualTo("embedding_similarity");
    assertThat(duplicates.getJsonArray("matches").getJsonObject(0).getString("draftId"))
        .isEqualTo(generated.getJsonArray("variants").getJsonObject(0).getString("draftId"));
    assertThat(
            body(plugin.post(
                    "/duplicates", tenant(new JsonObject()), new JsonObject().put("text", text)))
                .getBoolean("duplicate"))
        .isFalse();
  }

  private static PluginResponse generate(String tenant, String templateId, JsonObject variables) {
    return plugin.post(
        "/generate",
        tenant,
        new JsonObject().put("templateId", templateId).put("variables", variables));
  }

  private static JsonObject body(PluginResponse response) {
    assertThat(response.status()).as(response.body().toString()).isBetween(200, 299);
    return new JsonObject(response.body());
  }

  private static JsonObject assertProblem(PluginResponse response, int status, String code) {
    assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("code")).isEqualTo(code);
    assertThat(problem.getString("detail")).isNotBlank();
    return problem;
  }
}
