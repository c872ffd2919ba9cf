package dev.atrium.plugins.customerservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.AtriumServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin as customers meet it: its archive installed by the operator into a real server with
 * the real bundled models, documents from the evaluation set uploaded through its API, questions
 * asked in English and Chinese.
 */
final class CustomerServiceIT {
  private static final Path EVAL = Path.of("eval/docs");

  private static AtriumServer server;
  private static final HttpClient http = HttpClient.newHttpClient();
  private static String base;
  private static String keyA;
  private static String keyB;

  @BeforeAll
  static void start() throws Exception {
    server = PluginServer.start();
    base = "http://127.0.0.1:" + server.port();
    keyA = tenantKey("a@cs.test");
    keyB = tenantKey("b@cs.test");
    for (String doc :
        List.of(
            "returns-and-refunds-en.md",
            "faq-en.csv",
            "installation-service-zh.md",
            "faq-zh.json",
            "warranty-en.html")) {
      HttpResponse<String> accepted =
          upload(keyA, doc, Files.readAllBytes(EVAL.resolve(doc)), null);
      assertThat(accepted.statusCode()).as(doc + ": " + accepted.body()).isEqualTo(202);
    }
    for (String doc :
        List.of(
            "returns-and-refunds-en.md",
            "faq-en.csv",
            "installation-service-zh.md",
            "faq-zh.json",
            "warranty-en.html")) {
      awaitReady(keyA, doc);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aParaphrasedEnglishQuestionIsAnsweredFromTheRightDocumentWithCitations() throws Exception {
    JsonObject answer =
        ask(keyA, "How long until I get my money back after sending something back?", null);
    assertThat(answer.getBoolean("handoff")).as(answer.encode()).isFalse();
    assertThat(answer.getString("mode")).isIn("extractive", "faq");
    assertThat(answer.getString("answer")).contains("14 days");
    JsonObject citation = answer.getJsonArray("citations").getJsonObject(0);
    assertThat(citation.getString("documentId")).isIn("returns-and-refunds-en.md", "faq-en.csv");
    assertThat(citation.getString("text")).isNotBlank();
    assertThat(citation.getDouble("score")).isGreaterThan(0.4);
  }

  @Test
  void aChineseQuestionIsAnsweredFromTheChineseDocuments() throws Exception {
    JsonObject answer = ask(keyA, "师傅上门安装要另外收费吗？", null);
    assertThat(answer.getJsonArray("citations").getJsonObject(0).getString("documentId"))
        .isIn("installation-service-zh.md", "faq-zh.json");
    assertThat(answer.getString("answer")).matches("(?s).*\\p{IsHan}.*");
  }

  @Test
  void aQuestionTheKnowledgeBaseCannotAnswerHandsOff() throws Exception {
    JsonObject answer = ask(keyA, "Do you sell electric bicycles and can I test ride one?", null);
    assertThat(answer.getBoolean("handoff")).as(answer.encode()).isTrue();
    assertThat(answer.getString("mode")).isEqualTo("handoff");
    assertThat(answer.getString("answer")).contains("follow up");
  }

  @Test
  void tenantAsDocumentsNeverAnswerTenantB() throws Exception {
    JsonObject answer =
        ask(keyB, "How long until I get my money back after sending something back?", null);
    assertThat(answer.getJsonArray("citations")).isEmpty();
    assertThat(answer.getBoolean("handoff")).isTrue();
    assertThat(json("GET", "/v1/customer-service/documents", keyB, null).getJsonArray("data"))
        .isEmpty();
    assertThat(
            send(
                    "GET",
                    "/v1/customer-service/documents/returns-and-refunds-en.md",
                    keyB,
                    null,
                    null)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void badUploadsAreRefusedAndLeaveTheIndexUnchanged() throws Exception {
    JsonArray before =
        json("GET", "/v1/customer-service/documents", keyA, null).getJsonArray("data");
    assertProblem(upload(keyA, "empty.md", new byte[0], null), 400, "empty_document");
    assertProblem(
        upload(keyA, "photo.png", new byte[] {1, 2, 3}, "image/png"), 415, "unsupported_format");
    assertProblem(
        upload(keyA, "broken.pdf", "%PDF-1.7 this is not a pdf".getBytes(), "application/pdf"),
        400,
        "malformed_pdf");
    assertProblem(
        upload(keyA, "faq.csv", "question,reply\nq,a\n".getBytes(), "text/csv"),
        400,
        "malformed_csv");
    assertProblem(
        upload(keyA, "latin1.txt", new byte[] {(byte) 0xE9, (byte) 0x28, 0x41}, "text/plain"),
        400,
        "malformed_text");
    assertThat(upload(keyA, "huge.txt", new byte[3 * 1024 * 1024], "text/plain").statusCode())
        .isEqualTo(413);
    // A broken re-upload of an existing document keeps the good version.
    assertProblem(
        upload(keyA, "returns-and-refunds-en.md", new byte[0], "text/markdown"),
        400,
        "empty_document");
    JsonArray after =
        json("GET", "/v1/customer-service/documents", keyA, null).getJsonArray("data");
    assertThat(after.size()).isEqualTo(before.size());
    assertThat(
            ask(keyA, "How long until I get my money back after sending something back?", null)
                .getBoolean("handoff"))
        .isFalse();
  }

  @Test
  void reUploadReplacesAndDeleteRemovesADocumentsChunks() throws Exception {
    upload(
        keyB,
        "parking.md",
        "# Parking\nCustomer parking at the Leeds store costs 3 pounds per hour.".getBytes(),
        "text/markdown");
    awaitReady(keyB, "parking.md");
    assertThat(ask(keyB, "How much is parking at the Leeds store?", null).getString("answer"))
        .contains("3 pounds");
    upload(
        keyB,
        "parking.md",
        "# Parking\nCustomer parking at the Leeds store is free for two hours.".getBytes(),
        "text/markdown");
    awaitReady(keyB, "parking.md");
    JsonObject replaced = ask(keyB, "How much is parking at the Leeds store?", null);
    assertThat(replaced.getString("answer")).contains("free for two hours");
    assertThat(replaced.encode()).doesNotContain("3 pounds");
    assertThat(
            send("DELETE", "/v1/customer-service/documents/parking.md", keyB, null, null)
                .statusCode())
        .isEqualTo(204);
    assertThat(ask(keyB, "How much is parking at the Leeds store?", null).getJsonArray("citations"))
        .isEmpty();
  }

  @Test
  void conversationsResolveFollowUpsAndSummariseForTheAgent() throws Exception {
    JsonObject first = ask(keyA, "How long is the warranty on a robot vacuum?", null);
    String conversation = first.getString("conversationId");
    JsonObject second = ask(keyA, "And does it cover the battery?", conversation);
    assertThat(second.getString("conversationId")).isEqualTo(conversation);
    assertThat(second.getJsonArray("citations").getJsonObject(0).getString("documentId"))
        .isEqualTo("warranty-en.html");
    assertThat(
            send(
                    "POST",
                    "/v1/customer-service/feedback",
                    keyA,
                    "application/json",
                    new JsonObject()
                        .put("conversationId", conversation)
                        .put("turn", 1)
                        .put("helpful", true)
                        .encode()
                        .getBytes())
                .statusCode())
        .isEqualTo(204);
    JsonObject summary =
        json("GET", "/v1/customer-service/conversations/" + conversation + "/summary", keyA, null);
    assertThat(summary.getInteger("turns")).isEqualTo(2);
    assertThat(summary.getJsonArray("questions").encode()).contains("battery");
    assertThat(
            json("GET", "/v1/customer-service/conversations/" + conversation, keyA, null)
                .getJsonArray("turns")
                .getJsonObject(1)
                .getJsonObject("feedback")
                .getBoolean("helpful"))
        .isTrue();
    JsonObject listed =
        entryWith(
            json("GET", "/v1/customer-service/conversations", keyA, null), "id", conversation);
    assertThat(listed.getInteger("turns")).isEqualTo(2);
    assertThat(listed.getString("firstQuestion")).contains("warranty");
    assertThat(listed.getString("lastAnswer")).isEqualTo(second.getString("answer"));
    assertThat(listed.getJsonObject("feedback").getInteger("helpful")).isEqualTo(1);
    assertThat(listed.getJsonObject("feedback").getInteger("notHelpful")).isZero();
    JsonObject given =
        entryWith(
            json("GET", "/v1/customer-service/feedback?helpful=true", keyA, null),
            "conversationId",
            conversation);
    assertThat(given.getInteger("turn")).isEqualTo(1);
    assertThat(given.getString("question")).contains("battery");
    assertThat(given.getBoolean("helpful")).isTrue();
    assertThat(
            json("GET", "/v1/customer-service/feedback?helpful=false", keyA, null)
                .getJsonArray("data")
                .encode())
        .doesNotContain(conversation);
    assertThat(json("GET", "/v1/customer-service/feedback", keyB, null).getJsonArray("data"))
        .isEmpty();
    assertThat(json("GET", "/v1/customer-service/conversations", keyB, null).encode())
        .doesNotContain(conversation);
    assertProblem(
        send("GET", "/v1/customer-service/feedback?helpful=maybe", keyA, null, null),
        400,
        "invalid_field");
    assertProblem(
        send("GET", "/v1/customer-service/feedback?limit=0", keyA, null, null),
        400,
        "invalid_field");
    assertThat(
            send("GET", "/v1/customer-service/conversations/" + conversation, keyB, null, null)
                .statusCode())
        .isEqualTo(404);
    assertProblem(
        send(
            "POST",
            "/v1/customer-service/answer",
            keyA,
            "application/json",
            new JsonObject()
                .put("question", "hi")
                .put("conversationId", "nope")
                .encode()
                .getBytes()),
        404,
        "not_found");
  }

  @Test
  void theServerStoresConversationsWithPersonalDataRedacted() throws Exception {
    String question = "About my warranty: call 13812345678 or mail jo@example.com";
    JsonObject answer = ask(keyA, question, null);

    JsonObject stored =
        json(
            "GET",
            "/v1/customer-service/conversations/" + answer.getString("conversationId"),
            keyA,
            null);

    assertThat(stored.getJsonArray("turns").getJsonObject(0).getString("question"))
        .isEqualTo("About my warranty: call [PHONE] or mail [EMAIL]");
  }

  @Test
  void intentsTrainAndForceAHandoff() throws Exception {
    JsonObject intents = new JsonObject(Files.readString(Path.of("eval/intents.json")));
    JsonObject training =
        new JsonObject(
            send(
                    "PUT",
                    "/v1/customer-service/intents",
                    keyA,
                    "application/json",
                    intents.encode().getBytes())
                .body());
    String job = training.getJsonObject("job").getString("id");
    for (int i = 0;
        i < 300
            && json("GET", "/v1/customer-service/jobs/" + job, keyA, null)
                .getString("state")
                .equals("running");
        i++) {
      Thread.sleep(100);
    }
    assertThat(json("GET", "/v1/customer-service/jobs/" + job, keyA, null).getString("state"))
        .isEqualTo("succeeded");
    JsonObject complaint =
        ask(
            keyA,
            "I want to make a formal complaint about your delivery driver, he was rude.",
            null);
    assertThat(complaint.getString("intent")).isEqualTo("complaint");
    assertThat(complaint.getBoolean("handoff")).isTrue();
    assertThat(complaint.getString("handoffReason")).isEqualTo("intent:complaint");
    assertThat(
            ask(keyA, "How long until I get my money back after sending something back?", null)
                .getBoolean("handoff"))
        .isFalse();
  }

  @Test
  void theRetrievalTestListsThePassagesThatWouldAnswerBestFirstWithoutAnswering() throws Exception {
    JsonObject found =
        json(
            "POST",
            "/v1/customer-service/search",
            keyA,
            new JsonObject()
                .put("query", "How long until I get my money back after sending something back?")
                .put("topK", 5));
    JsonArray passages = found.getJsonArray("data");
    assertThat(passages.size()).isBetween(1, 5);
    assertThat(passages.getJsonObject(0).getString("documentId"))
        .isIn("returns-and-refunds-en.md", "faq-en.csv");
    for (int i = 1; i < passages.size(); i++) {
      assertThat(passages.getJsonObject(i).getDouble("score"))
          .isLessThanOrEqualTo(passages.getJsonObject(i - 1).getDouble("score"));
    }
    assertThat(passages.getJsonObject(0).getString("text")).isNotBlank();
    assertThat(found.getDouble("confidence"))
        .isEqualTo(passages.getJsonObject(0).getDouble("score"));
    assertThat(found.getBoolean("handoff")).isFalse();
    assertThat(found.containsKey("answer")).isFalse();

    JsonObject chinese =
        json(
            "POST",
            "/v1/customer-service/search",
            keyA,
            new JsonObject().put("query", "师傅上门安装要另外收费吗？"));
    assertThat(chinese.getJsonArray("data").getJsonObject(0).getString("documentId"))
        .isIn("installation-service-zh.md", "faq-zh.json");
    JsonObject elsewhere =
        json(
            "POST",
            "/v1/customer-service/search",
            keyB,
            new JsonObject().put("query", "How long do refunds take?"));
    assertThat(elsewhere.getJsonArray("data")).isEmpty();
    assertThat(elsewhere.getBoolean("handoff")).isTrue();

    for (String bad :
        List.of(
            "{}",
            "{\"query\": \"\"}",
            "{\"query\": \"\\u00a0\\u200b\\u3000\"}",
            "{\"query\": 42}",
            "{\"query\": \"x\", \"topK\": 0}",
            "{\"query\": \"x\", \"topK\": 21}",
            "{\"query\": \"x\", \"topK\": \"3\"}",
            new JsonObject().put("query", "x".repeat(2001)).encode())) {
      assertProblem(search(keyA, "application/json", bad), 400, "invalid_field");
    }
    assertProblem(
        search(keyA, "application/json", "{\"query\": \"x\", \"k\": 3}"), 400, "unknown_field");
    assertProblem(search(keyA, "application/json", "{\"query\""), 400, "malformed_json");
    assertProblem(search(keyA, "text/plain", "refunds"), 415, "unsupported_media_type");
  }

  @Test
  void aRetrievalTestIsBilledAsOneRequestWithItsQuerysTokens() throws Exception {
    String owner = enabled(owner("search-usage@cs.test"));
    String query = "Where is my parcel?";
    json("POST", "/v1/customer-service/search", keyOf(owner), new JsonObject().put("query", query));
    long tokens =
        json("POST", "/v1/embeddings", keyB, new JsonObject().put("input", query))
            .getJsonObject("usage")
            .getLong("prompt_tokens");
    JsonObject usage = usageByMeter(owner);
    assertThat(usage.getLong("requests")).isEqualTo(1);
    assertThat(usage.getLong("embedding_tokens")).isEqualTo(tokens).isPositive();
    assertThat(usage.getLong("customer-service.questions_answered")).isNull();
  }

  @Test
  void anAnswerAskedForAsAStreamSendsItsPassagesThenTheSameAnswerAsJson() throws Exception {
    String question = "How long until I get my money back after sending something back?";
    for (HttpResponse<String> streamed :
        List.of(
            streamAnswer(keyA, new JsonObject().put("question", question), "text/event-stream"),
            streamAnswer(
                keyA,
                new JsonObject().put("question", question).put("stream", true),
                "application/json"))) {
      assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
      assertThat(streamed.headers().firstValue("Content-Type").orElse(""))
          .startsWith("text/event-stream");
      List<String> events = events(streamed.body());
      assertThat(events.getLast()).isEqualTo("[DONE]");
      JsonObject retrieval = new JsonObject(events.getFirst());
      JsonObject result = new JsonObject(events.get(events.size() - 2));
      assertThat(retrieval.getString("type")).isEqualTo("retrieval");
      assertThat(result.getString("type")).isEqualTo("result");
      assertThat(retrieval.getJsonArray("citations")).isEqualTo(result.getJsonArray("citations"));
      assertThat(result.getString("answer")).contains("14 days");
      assertThat(result.getString("conversationId")).isNotBlank();
    }
    HttpResponse<String> plain = answer(keyA, new JsonObject().put("question", question), "plain");
    assertThat(plain.headers().firstValue("Content-Type").orElse("")).contains("json");
    assertThat(new JsonObject(plain.body()).containsKey("type")).isFalse();
    assertProblem(
        streamAnswer(
            keyA,
            new JsonObject().put("question", question).put("stream", "yes"),
            "text/event-stream"),
        400,
        "invalid_field");
  }

  @Test
  void badQuestionsAreRefusedWithProblems() throws Exception {
    assertProblem(
        send(
            "POST",
            "/v1/customer-service/answer",
            keyA,
            "application/json",
            "{not json".getBytes()),
        400,
        "malformed_json");
    assertProblem(
        send("POST", "/v1/customer-service/answer", keyA, "application/json", "{}".getBytes()),
        400,
        "invalid_field");
    assertProblem(
        send(
            "POST",
            "/v1/customer-service/answer",
            keyA,
            "application/json",
            new JsonObject().put("question", "x").put("extra", 1).encode().getBytes()),
        400,
        "unknown_field");
    assertProblem(
        send(
            "POST",
            "/v1/customer-service/answer",
            keyA,
            "application/json",
            new JsonObject().put("question", "x").put("topK", 99).encode().getBytes()),
        400,
        "invalid_field");
    assertProblem(
        send("POST", "/v1/customer-service/answer", keyA, "text/plain", "question".getBytes()),
        415,
        "unsupported_media_type");
  }

  @Test
  void aTenantPickingTheBundledGenerationModelGetsAnExtractedAnswerWhenTheStoryIsUnsupported()
      throws Exception {
    String owner = owner("c@cs.test");
    assertProblem(
        send(
            "PUT",
            "/api/plugins/customer-service",
            owner,
            "application/json",
            settings(new JsonObject().put("generationModel", "Not A Model"))),
        400,
        "invalid_settings");
    HttpResponse<String> saved =
        send(
            "PUT",
            "/api/plugins/customer-service",
            owner,
            "application/json",
            settings(
                new JsonObject()
                    .put("generationModel", "stories260k")
                    .put("generationMaxTokens", 32)));
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    String key =
        json("POST", "/api/keys", owner, new JsonObject().put("name", "k")).getString("key");
    String doc = "returns-and-refunds-en.md";
    upload(key, doc, Files.readAllBytes(EVAL.resolve(doc)), null);
    awaitReady(key, doc);

    JsonObject answer =
        ask(key, "How long until I get my money back after sending something back?", null);

    assertThat(answer.getString("mode")).as(answer.encode()).isEqualTo("extractive_fallback");
    assertThat(answer.getString("answer")).contains("14 days");
    assertThat(answer.getJsonObject("generation").getString("model")).isEqualTo("stories260k");
    assertThat(answer.getJsonObject("generation").getInteger("completionTokens")).isBetween(1, 32);

    List<String> events =
        events(
            streamAnswer(
                    key,
                    new JsonObject()
                        .put("question", "How long do refunds take after a return?")
                        .put("stream", true),
                    "application/json")
                .body());
    List<JsonObject> tokens =
        events.stream()
            .filter(e -> e.startsWith("{"))
            .map(JsonObject::new)
            .filter(e -> "token".equals(e.getString("type")))
            .toList();
    JsonObject streamedResult = new JsonObject(events.get(events.size() - 2));
    assertThat(tokens).isNotEmpty();
    assertThat(streamedResult.getJsonObject("generation").getInteger("completionTokens"))
        .isGreaterThanOrEqualTo(tokens.size());
    assertThat(streamedResult.getString("mode")).isIn("extractive_fallback", "generative");
  }

  @Test
  void eachAnswerBillsItsRequestItsQuestionAndTheQuestionsTokensOnceAndARetryNothingMore()
      throws Exception {
    String owner = enabled(owner("usage@cs.test"));
    String key = keyOf(owner);
    List<String> questions = List.of("Where is my parcel?", "我的包裹在哪里？");
    for (String question : questions) {
      ask(key, question, null); // no documents: the question is embedded to search, then handed off
    }
    JsonObject body = new JsonObject().put("question", "Can I pay by invoice?");
    HttpResponse<String> first = answer(key, body, "cs-usage-once");
    HttpResponse<String> retry = answer(key, body, "cs-usage-once");
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(retry.body()).isEqualTo(first.body());

    // What the same questions cost when embedded once each, by another tenant.
    String other = tenantKey("usage-reference@cs.test");
    long tokens = 0;
    for (String question :
        List.of(questions.get(0), questions.get(1), body.getString("question"))) {
      tokens +=
          json("POST", "/v1/embeddings", other, new JsonObject().put("input", question))
              .getJsonObject("usage")
              .getLong("prompt_tokens");
    }
    JsonObject usage = usageByMeter(owner);
    assertThat(usage.getLong("requests")).isEqualTo(3);
    assertThat(usage.getLong("customer-service.questions_answered")).isEqualTo(3);
    assertThat(usage.getLong("embedding_tokens")).isEqualTo(tokens).isPositive();
  }

  private static HttpResponse<String> answer(String key, JsonObject body, String idempotencyKey)
      throws Exception {
    HttpResponse<String> response = postAnswer(key, body, "Idempotency-Key", idempotencyKey);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response;
  }

  private static HttpResponse<String> streamAnswer(String key, JsonObject body, String accept)
      throws Exception {
    return postAnswer(key, body, "Accept", accept);
  }

  private static HttpResponse<String> postAnswer(
      String key, JsonObject body, String header, String value) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/v1/customer-service/answer"))
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .header(header, value)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> search(String key, String type, String body)
      throws Exception {
    return send(
        "POST", "/v1/customer-service/search", key, type, body.getBytes(StandardCharsets.UTF_8));
  }

  /** The data of each server-sent event of a body, in order. */
  private static List<String> events(String body) {
    return Stream.of(body.split("\n\n"))
        .filter(block -> block.startsWith("data: "))
        .map(block -> block.substring("data: ".length()))
        .toList();
  }

  /** The item of a {@code {"data": [...]}} page whose {@code field} is {@code value}. */
  private static JsonObject entryWith(JsonObject page, String field, String value) {
    return page.getJsonArray("data").stream()
        .map(JsonObject.class::cast)
        .filter(e -> value.equals(e.getString(field)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(value + " not in " + page.encode()));
  }

  /** The tenant's usage this month, per meter. */
  private static JsonObject usageByMeter(String owner) throws Exception {
    JsonObject usage = new JsonObject();
    json("GET", "/api/usage?groupBy=meter", owner, null)
        .getJsonArray("data")
        .forEach(
            row -> {
              JsonObject r = (JsonObject) row;
              usage.put(
                  r.getString("meter"),
                  usage.getLong(r.getString("meter"), 0L) + r.getLong("quantity"));
            });
    return usage;
  }

  private static byte[] settings(JsonObject settings) {
    return new JsonObject()
        .put("enabled", true)
        .put("settings", settings)
        .encode()
        .getBytes(StandardCharsets.UTF_8);
  }

  private static JsonObject ask(String key, String question, String conversation) throws Exception {
    JsonObject body = new JsonObject().put("question", question);
    if (conversation != null) {
      body.put("conversationId", conversation);
    }
    return json("POST", "/v1/customer-service/answer", key, body);
  }

  private static HttpResponse<String> upload(String key, String name, byte[] content, String type)
      throws Exception {
    return send(
        "POST",
        "/v1/customer-service/documents?fileName=" + name + "&documentId=" + name,
        key,
        type,
        content);
  }

  private static void awaitReady(String key, String id) throws Exception {
    for (int i = 0; i < 600; i++) {
      JsonObject doc = json("GET", "/v1/customer-service/documents/" + id, key, null);
      if (!doc.getString("status").equals("ingesting")) {
        assertThat(doc.getString("status")).as(doc.encode()).isEqualTo("ready");
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(id + " was not ingested in time");
  }

  private static void assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(new JsonObject(response.body()).getString("code")).isEqualTo(code);
  }

  private static String tenantKey(String email) throws Exception {
    return keyOf(enabled(owner(email)));
  }

  /** Enables the plugin for the owner's tenant; answers the owner's token. */
  private static String enabled(String owner) throws Exception {
    HttpResponse<String> enabled =
        send(
            "PUT",
            "/api/plugins/customer-service",
            owner,
            "application/json",
            new JsonObject().put("enabled", true).encode().getBytes());
    assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
    return owner;
  }

  private static String keyOf(String owner) throws Exception {
    return json("POST", "/api/keys", owner, new JsonObject().put("name", "k")).getString("key");
  }

  /** The owner's token of a new tenant on the enterprise plan. */
  private static String owner(String email) throws Exception {
    String owner =
        json(
                "POST",
                "/api/auth/signup",
                null,
                new JsonObject()
                    .put("tenant", "Tenant " + email)
                    .put("email", email)
                    .put("password", "tenant password"))
            .getString("token");
    send(
        "PUT",
        "/api/subscription",
        owner,
        "application/json",
        new JsonObject().put("plan", "enterprise").encode().getBytes());
    return owner;
  }

  private static JsonObject json(String method, String path, String bearer, JsonObject body)
      throws Exception {
    HttpResponse<String> response =
        send(
            method,
            path,
            bearer,
            body == null ? null : "application/json",
            body == null ? null : body.encode().getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isLessThan(300);
    return new JsonObject(response.body());
  }

  private static HttpResponse<String> send(
      String method, String path, String bearer, String type, byte[] body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (type != null) {
      request.header("Content-Type", type);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
