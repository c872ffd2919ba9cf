package dev.atrium.inference.http;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import dev.atrium.app.ApiClient;
import dev.atrium.app.TestServer;
import dev.atrium.inference.http.GenerationClient.Streamed;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.Validator;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * /v1/chat/completions and /v1/completions on the bundled tiny model (stories260k), through the
 * real server: OpenAI's shapes whole and streamed, the sampling parameters, structured output, bad
 * input, and the official OpenAI Java client used unchanged.
 */
@ExtendWith(VertxExtension.class)
final class ChatCompletionsApiTest {
  static final String MODEL = "stories260k";

  /** The tiny model's end-of-text token banned, so that it writes until max_tokens. */
  static final JsonObject NO_END = new JsonObject().put("2", -100);

  /** A catalog serving only the bundled generation model: no embedding models to load. */
  static final String STORIES_ONLY =
      """
      {"bundled_models": false,
       "models": {"stories260k": {"task": "generation", "engine": "llama.cpp",
         "artifact": "classpath:atrium/models/stories260K.gguf", "languages": ["en"],
         "license": "MIT", "context_length": 2048}}}
      """;

  private static TestServer server;
  private static ApiClient api;
  private static GenerationClient generation;
  private static String owner;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.withCatalog("{}", Map.of());
    api = new ApiClient(vertx, server.port());
    generation = new GenerationClient(vertx, server.port());
    owner = api.signup("Story Co", "stories@generation.test");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A new key of the test tenant: each test has its own request budget (60 a minute a key). */
  private static String key() {
    return api.createKey(owner, new JsonObject().put("name", "k")).getString("key");
  }

  static JsonObject chat(String user, int maxTokens) {
    return new JsonObject()
        .put(
            "messages",
            new JsonArray()
                .add(new JsonObject().put("role", "system").put("content", "You tell stories."))
                .add(new JsonObject().put("role", "user").put("content", user)))
        .put("max_tokens", maxTokens);
  }

  private static JsonObject ok(String key, String path, JsonObject body) {
    HttpResponse<Buffer> r = generation.post(path, key, body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static String content(JsonObject completion) {
    return completion
        .getJsonArray("choices")
        .getJsonObject(0)
        .getJsonObject("message")
        .getString("content");
  }

  private static String finishReason(JsonObject completion) {
    return completion.getJsonArray("choices").getJsonObject(0).getString("finish_reason");
  }

  @Test
  void aChatCompletionHasOpenAisShape() {
    JsonObject r = ok(key(), GenerationClient.CHAT, chat("Tell me about a cat.", 12));
    assertThat(r.getString("id")).startsWith("chatcmpl-");
    assertThat(r.getString("object")).isEqualTo("chat.completion");
    assertThat(r.getLong("created")).isCloseTo(Instant.now().getEpochSecond(), within(60L));
    assertThat(r.getString("model")).isEqualTo(MODEL);
    assertThat(r.getJsonArray("choices")).hasSize(1);
    JsonObject choice = r.getJsonArray("choices").getJsonObject(0);
    assertThat(choice.getInteger("index")).isZero();
    assertThat(choice.containsKey("logprobs")).isTrue();
    assertThat(choice.getValue("logprobs")).isNull();
    assertThat(choice.getString("finish_reason")).isIn("stop", "length");
    assertThat(choice.getJsonObject("message").getString("role")).isEqualTo("assistant");
    assertThat(content(r)).isNotBlank();
    JsonObject usage = r.getJsonObject("usage");
    assertThat(usage.getInteger("prompt_tokens")).isPositive();
    assertThat(usage.getInteger("completion_tokens")).isBetween(1, 12);
    assertThat(usage.getInteger("total_tokens"))
        .isEqualTo(usage.getInteger("prompt_tokens") + usage.getInteger("completion_tokens"));
  }

  @Test
  void aStreamSendsTheRoleThenTheContentThenTheFinishReasonThenUsageThenDone() {
    String key = key();
    JsonObject body = chat("Tell me about a dog.", 16).put("seed", 11).put("temperature", 0.8);
    String whole = content(ok(key, GenerationClient.CHAT, body));
    Streamed s =
        generation.stream(
            GenerationClient.CHAT,
            key,
            body.copy()
                .put("stream", true)
                .put("stream_options", new JsonObject().put("include_usage", true)));
    assertThat(s.status()).isEqualTo(200);
    assertThat(s.contentType()).startsWith("text/event-stream");
    assertThat(s.events().getLast().done()).as(s.body()).isTrue();
    List<JsonObject> chunks = s.chunks();
    String id = chunks.getFirst().getString("id");
    assertThat(id).startsWith("chatcmpl-");
    for (JsonObject chunk : chunks) {
      assertThat(chunk.getString("object")).isEqualTo("chat.completion.chunk");
      assertThat(chunk.getString("id")).isEqualTo(id);
      assertThat(chunk.getString("model")).isEqualTo(MODEL);
    }
    JsonObject opening = chunks.getFirst().getJsonArray("choices").getJsonObject(0);
    assertThat(opening.getJsonObject("delta").getString("role")).isEqualTo("assistant");
    assertThat(opening.getString("finish_reason")).isNull();
    // The same seed streams the same text as the whole answer.
    assertThat(s.text()).isEqualTo(whole).isNotEmpty();
    JsonObject closing = s.closing();
    assertThat(closing.getJsonArray("choices").getJsonObject(0).getJsonObject("delta")).isEmpty();
    assertThat(s.finishReason()).isIn("stop", "length");
    JsonObject last = chunks.getLast();
    assertThat(last.getJsonArray("choices")).isEmpty();
    JsonObject usage = last.getJsonObject("usage");
    assertThat(usage.getInteger("completion_tokens")).isBetween(1, 16);
    assertThat(usage.getInteger("prompt_tokens")).isPositive();
    // Before the usage chunk every chunk carries "usage": null, as OpenAI's do.
    assertThat(chunks.subList(0, chunks.size() - 1))
        .allSatisfy(
            c -> assertThat(c.containsKey("usage") && c.getValue("usage") == null).isTrue());
  }

  @Test
  void maxTokensEndsTheAnswerWithFinishReasonLength() {
    String key = key();
    JsonObject r =
        ok(key, GenerationClient.CHAT, chat("Once upon a time", 5).put("logit_bias", NO_END));
    assertThat(finishReason(r)).isEqualTo("length");
    assertThat(r.getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(5);
    JsonObject newer = chat("Once upon a time", 5).put("logit_bias", NO_END);
    newer.remove("max_tokens");
    newer.put("max_completion_tokens", 3);
    JsonObject r2 = ok(key, GenerationClient.CHAT, newer);
    assertThat(r2.getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(3);
    Streamed s =
        generation.stream(
            GenerationClient.CHAT,
            key,
            chat("Once upon a time", 4).put("logit_bias", NO_END).put("stream", true));
    assertThat(s.finishReason()).isEqualTo("length");
  }

  @Test
  void aStopStringEndsTheAnswerBeforeIt() {
    String key = key();
    JsonObject greedy =
        chat("Once upon a time", 40).put("temperature", 0).put("logit_bias", NO_END);
    String full = content(ok(key, GenerationClient.CHAT, greedy));
    assertThat(full.length()).isGreaterThan(20);
    String stop = full.substring(12, 15);
    String expected = full.substring(0, full.indexOf(stop));
    JsonObject stopped = ok(key, GenerationClient.CHAT, greedy.copy().put("stop", stop));
    assertThat(content(stopped)).isEqualTo(expected);
    assertThat(finishReason(stopped)).isEqualTo("stop");
    JsonObject listed =
        ok(
            key,
            GenerationClient.CHAT,
            greedy.copy().put("stop", new JsonArray().add("zzz").add(stop)));
    assertThat(content(listed)).isEqualTo(expected);
  }

  @Test
  void theSameSeedSamplesTheSameTextAndOtherSeedsDiffer() {
    String key = key();
    JsonObject body = chat("Tell me about the sea.", 24).put("temperature", 1.0).put("seed", 42);
    String first = content(ok(key, GenerationClient.CHAT, body));
    String second = content(ok(key, GenerationClient.CHAT, body));
    assertThat(second).isEqualTo(first);
    Set<String> others = new HashSet<>();
    for (int seed = 1; seed <= 3; seed++) {
      others.add(content(ok(key, GenerationClient.CHAT, body.copy().put("seed", seed))));
    }
    others.add(first);
    assertThat(others)
        .as("temperature 1 samples: seeds give different stories")
        .hasSizeGreaterThan(1);
  }

  @Test
  void aJsonSchemaResponseFormatGivesJsonThatValidates() {
    String key = key();
    JsonObject schema =
        new JsonObject()
            .put("type", "object")
            .put(
                "properties",
                new JsonObject()
                    .put("name", new JsonObject().put("type", "string").put("maxLength", 8))
                    .put("happy", new JsonObject().put("type", "boolean")))
            .put("required", new JsonArray().add("name").add("happy"))
            .put("additionalProperties", false);
    Validator validator =
        Validator.create(
            JsonSchema.of(schema.copy()), // of() marks up the object it reads
            new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://atrium.test/"));
    for (int seed = 1; seed <= 3; seed++) {
      JsonObject r =
          ok(
              key,
              GenerationClient.CHAT,
              chat("Describe a cat as JSON.", 120)
                  .put("seed", seed)
                  .put(
                      "response_format",
                      new JsonObject()
                          .put("type", "json_schema")
                          .put(
                              "json_schema",
                              new JsonObject().put("name", "cat").put("schema", schema))));
      String text = content(r);
      assertThat(finishReason(r)).as(text).isEqualTo("stop");
      assertThatCode(() -> new JsonObject(text)).as(text).doesNotThrowAnyException();
      JsonObject cat = new JsonObject(text);
      assertThat(validator.validate(cat).getValid()).as(cat.encode()).isTrue();
    }
    // json_object allows any object: the tiny model never closes one within a few tokens, but it
    // writes nothing else.
    JsonObject anyObject =
        ok(
            key,
            GenerationClient.CHAT,
            chat("Describe a dog as JSON.", 12)
                .put("seed", 5)
                .put("response_format", new JsonObject().put("type", "json_object")));
    assertThat(content(anyObject).strip()).startsWith("{");
  }

  @Test
  void textCompletionsContinueThePromptWholeAndStreamed() {
    String key = key();
    JsonObject body =
        new JsonObject()
            .put("prompt", new JsonArray().add("Once upon a time"))
            .put("max_tokens", 10)
            .put("seed", 3)
            .put("logit_bias", NO_END);
    JsonObject r = ok(key, GenerationClient.COMPLETIONS, body);
    assertThat(r.getString("id")).startsWith("cmpl-");
    assertThat(r.getString("object")).isEqualTo("text_completion");
    assertThat(r.getString("model")).isEqualTo(MODEL);
    JsonObject choice = r.getJsonArray("choices").getJsonObject(0);
    assertThat(choice.getString("finish_reason")).isEqualTo("length");
    assertThat(choice.getString("text")).isNotEmpty();
    assertThat(r.getJsonObject("usage").getInteger("completion_tokens")).isEqualTo(10);

    Streamed s =
        generation.stream(GenerationClient.COMPLETIONS, key, body.copy().put("stream", true));
    assertThat(s.events().getLast().done()).isTrue();
    assertThat(s.chunks())
        .allSatisfy(c -> assertThat(c.getString("object")).isEqualTo("text_completion"));
    assertThat(s.text()).isEqualTo(choice.getString("text"));
    assertThat(s.finishReason()).isEqualTo("length");
    assertThat(s.chunks().getLast().containsKey("usage")).as("not asked for").isFalse();
  }

  @Test
  void badInputGetsOpenAiShaped400s() {
    String key = key();
    record Case(JsonObject body, String code) {}
    JsonObject user = new JsonObject().put("role", "user").put("content", "hi");
    List<Case> cases =
        List.of(
            new Case(new JsonObject(), "invalid_field"),
            new Case(new JsonObject().put("messages", new JsonArray()), "invalid_field"),
            new Case(new JsonObject().put("messages", "hi"), "invalid_field"),
            new Case(
                new JsonObject()
                    .put(
                        "messages",
                        new JsonArray()
                            .add(new JsonObject().put("role", "wizard").put("content", "x"))),
                "invalid_field"),
            new Case(
                new JsonObject()
                    .put(
                        "messages",
                        new JsonArray()
                            .add(new JsonObject().put("role", "tool").put("content", "x"))),
                "unsupported_parameter"),
            new Case(
                new JsonObject()
                    .put(
                        "messages",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("role", "user")
                                    .put(
                                        "content",
                                        new JsonArray()
                                            .add(
                                                new JsonObject()
                                                    .put("type", "image_url")
                                                    .put(
                                                        "image_url",
                                                        new JsonObject().put("url", "x")))))),
                "unsupported_content"),
            new Case(messages(user).put("n", 3), "unsupported_parameter"),
            new Case(messages(user).put("max_tokens", -1), "invalid_field"),
            new Case(messages(user).put("max_tokens", "ten"), "invalid_field"),
            new Case(messages(user).put("temperature", "hot"), "invalid_field"),
            new Case(messages(user).put("temperature", 2.5), "invalid_field"),
            new Case(messages(user).put("top_p", 0), "invalid_field"),
            new Case(
                messages(user)
                    .put("stop", new JsonArray().add("a").add("b").add("c").add("d").add("e")),
                "invalid_field"),
            new Case(
                messages(user).put("logit_bias", new JsonObject().put("cat", 1)), "invalid_field"),
            new Case(
                messages(user).put("logit_bias", new JsonObject().put("5", 101)), "invalid_field"),
            new Case(messages(user).put("logprobs", true), "unsupported_parameter"),
            new Case(
                messages(user)
                    .put("tools", new JsonArray().add(new JsonObject().put("type", "function"))),
                "unsupported_parameter"),
            new Case(
                messages(user).put("stream_options", new JsonObject().put("include_usage", true)),
                "invalid_field"),
            new Case(
                messages(user).put("response_format", new JsonObject().put("type", "xml")),
                "invalid_field"),
            new Case(
                messages(user)
                    .put(
                        "response_format",
                        new JsonObject()
                            .put("type", "json_schema")
                            .put("json_schema", new JsonObject().put("schema", "not a schema"))),
                "invalid_field"),
            new Case(messages(user).put("frobnicate", 1), "unknown_field"),
            new Case(messages(user).put("model", "all-minilm-l6-v2"), "model_task_mismatch"));
    for (Case c : cases) {
      JsonObject problem =
          assertProblem(generation.post(GenerationClient.CHAT, key, c.body()), 400, c.code());
      JsonObject error = problem.getJsonObject("error");
      assertThat(error.getString("type")).isEqualTo("invalid_request_error");
      assertThat(error.getString("code")).isEqualTo(c.code());
      assertThat(error.getString("message")).as(c.body().encode()).isNotBlank();
    }
    // OpenAI defaults that ask for nothing unsupported are accepted, and developer is system.
    assertThat(
            generation
                .post(
                    GenerationClient.CHAT,
                    key,
                    messages(
                            new JsonObject().put("role", "developer").put("content", "Be brief."),
                            user)
                        .put("max_tokens", 2)
                        .put("n", 1)
                        .put("logprobs", false)
                        .put("parallel_tool_calls", true)
                        .put("tools", new JsonArray())
                        .put("user", "end-user-1"))
                .statusCode())
        .isEqualTo(200);
    HttpResponse<Buffer> malformed =
        api.send(
            HttpMethod.POST,
            GenerationClient.CHAT,
            key,
            "application/json",
            Buffer.buffer("{\"messages\": ["));
    assertThat(assertProblem(malformed, 400, "malformed_json").getJsonObject("error")).isNotNull();
    assertProblem(
        generation.post(GenerationClient.CHAT, key, messages(user).put("model", "gpt-9")),
        404,
        "model_not_found");
    assertProblem(
        generation.post(GenerationClient.COMPLETIONS, key, new JsonObject().put("prompt", "")),
        400,
        "invalid_field");
    assertProblem(
        generation.post(
            GenerationClient.COMPLETIONS,
            key,
            new JsonObject().put("prompt", new JsonArray().add("a").add("b"))),
        400,
        "unsupported_parameter");
    assertProblem(
        generation.post(
            GenerationClient.COMPLETIONS,
            key,
            new JsonObject().put("prompt", new JsonArray().add(1).add(2))),
        400,
        "unsupported_input");
    assertProblem(
        generation.post(
            GenerationClient.COMPLETIONS,
            key,
            new JsonObject().put("prompt", "hi").put("echo", true)),
        400,
        "unsupported_parameter");
  }

  private static JsonObject messages(JsonObject... messages) {
    JsonArray array = new JsonArray();
    List.of(messages).forEach(array::add);
    return new JsonObject().put("messages", array);
  }

  @Test
  void aPromptLongerThanTheContextIs400ContextLengthExceeded() {
    String key = key();
    String longText = "The little dog ran to the park and played with a red ball. ".repeat(400);
    JsonObject problem =
        assertProblem(
            generation.post(GenerationClient.CHAT, key, chat(longText, 4)),
            400,
            "context_length_exceeded");
    assertThat(problem.getJsonObject("error").getString("message")).contains(MODEL);
    assertProblem(
        generation.post(
            GenerationClient.COMPLETIONS,
            key,
            new JsonObject().put("prompt", longText).put("max_tokens", 4).put("stream", true)),
        400,
        "context_length_exceeded");
    // An invalid JSON Schema is refused before anything is generated.
    assertProblem(
        generation.post(
            GenerationClient.CHAT,
            key,
            chat("hi", 4)
                .put(
                    "response_format",
                    new JsonObject()
                        .put("type", "json_schema")
                        .put(
                            "json_schema",
                            new JsonObject()
                                .put("name", "bad")
                                .put("schema", new JsonObject().put("type", "frobnicate"))))),
        400,
        "invalid_input");
  }

  @Test
  void aRevokedKeyIs401AndAKeyWithoutTheScopeIs403() {
    JsonObject created = api.createKey(owner, new JsonObject().put("name", "soon revoked"));
    String key = created.getString("key");
    assertThat(generation.post(GenerationClient.CHAT, key, chat("hi", 2)).statusCode())
        .isEqualTo(200);
    assertThat(api.delete("/api/keys/" + created.getString("id"), owner).statusCode())
        .isEqualTo(204);
    JsonObject problem =
        assertProblem(
            generation.post(GenerationClient.CHAT, key, chat("hi", 2)), 401, "unauthorized");
    assertThat(problem.getJsonObject("error").getString("type")).isEqualTo("authentication_error");
    String embeddingsOnly =
        api.createKey(
                owner,
                new JsonObject()
                    .put("name", "narrow")
                    .put("scopes", new JsonArray().add("embeddings")))
            .getString("key");
    assertProblem(
        generation.post(
            GenerationClient.COMPLETIONS, embeddingsOnly, new JsonObject().put("prompt", "hi")),
        403,
        "insufficient_scope");
    String generationOnly =
        api.createKey(
                owner,
                new JsonObject()
                    .put("name", "gen")
                    .put("scopes", new JsonArray().add("generation")))
            .getString("key");
    assertThat(generation.post(GenerationClient.CHAT, generationOnly, chat("hi", 2)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void theModelListShowsGenerationModelsWithOwnerAndContextLength() {
    JsonArray data = api.get("/v1/models", key()).bodyAsJsonObject().getJsonArray("data");
    JsonObject stories =
        data.stream()
            .map(JsonObject.class::cast)
            .filter(m -> m.getString("id").equals(MODEL))
            .findFirst()
            .orElseThrow();
    assertThat(stories.getString("object")).isEqualTo("model");
    assertThat(stories.getString("owned_by")).isEqualTo("atrium");
    assertThat(stories.getString("task")).isEqualTo("generation");
    assertThat(stories.getInteger("context_length")).isEqualTo(2048);
    assertThat(data.stream().map(JsonObject.class::cast).map(m -> m.getString("task")))
        .contains("embedding");
  }

  @Test
  void anOpenAiClientChatsStreamsAndListsModelsUnchanged() {
    OpenAIClient openai =
        OpenAIOkHttpClient.builder()
            .apiKey(key())
            .baseUrl("http://127.0.0.1:" + server.port() + "/v1")
            .maxRetries(0)
            .build();
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder()
            .model(MODEL)
            .addSystemMessage("You tell stories.")
            .addUserMessage("Tell me about a frog.")
            .maxCompletionTokens(12)
            .seed(9)
            .temperature(0.7)
            .build();
    ChatCompletion completion = openai.chat().completions().create(params);
    assertThat(completion.model()).isEqualTo(MODEL);
    String text = completion.choices().getFirst().message().content().orElseThrow();
    assertThat(text).isNotEmpty();
    assertThat(completion.choices().getFirst().finishReason())
        .isIn(ChatCompletion.Choice.FinishReason.STOP, ChatCompletion.Choice.FinishReason.LENGTH);
    assertThat(completion.usage().orElseThrow().completionTokens()).isBetween(1L, 12L);

    StringBuilder streamed = new StringBuilder();
    long usageChunks;
    try (StreamResponse<ChatCompletionChunk> stream =
        openai
            .chat()
            .completions()
            .createStreaming(
                params.toBuilder()
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      List<ChatCompletionChunk> chunks = stream.stream().toList();
      chunks.stream()
          .flatMap(c -> c.choices().stream())
          .forEach(c -> c.delta().content().ifPresent(streamed::append));
      usageChunks = chunks.stream().filter(c -> c.usage().isPresent()).count();
    }
    assertThat(streamed.toString()).isEqualTo(text);
    assertThat(usageChunks).isEqualTo(1);

    List<String> ids = openai.models().list().data().stream().map(Model::id).toList();
    assertThat(ids).contains(MODEL);
    assertThat(
            openai.models().list().data().stream()
                .filter(m -> m.id().equals(MODEL))
                .map(Model::ownedBy)
                .collect(Collectors.toList()))
        .containsExactly("atrium");
    assertThatThrownBy(() -> openai.chat().completions().create(params.toBuilder().n(3).build()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("n = 1");
  }
}
