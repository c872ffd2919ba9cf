package dev.atrium.inference.http;

import static dev.atrium.app.Problems.assertProblem;
import static dev.atrium.inference.http.ChatCompletionsApiTest.NO_END;
import static dev.atrium.inference.http.ChatCompletionsApiTest.STORIES_ONLY;
import static dev.atrium.inference.http.ChatCompletionsApiTest.chat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.TestServer;
import dev.atrium.inference.http.GenerationClient.Streamed;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A generation past its deadline stops: a stream ends there with a proper last chunk (finish reason
 * length) and is billed what it sent; a whole answer is 504 and billed nothing.
 */
@ExtendWith(VertxExtension.class)
final class GenerationDeadlineApiTest {

  @Test
  void aStreamEndsAtItsDeadlineAndAWholeAnswerIs504(Vertx vertx) {
    try (TestServer server =
        TestServer.withCatalog(STORIES_ONLY, Map.of("generation.timeout-ms", "1000"))) {
      ApiClient api = new ApiClient(vertx, server.port());
      GenerationClient generation = new GenerationClient(vertx, server.port());
      String owner = api.signup("Slow Co", "slow@deadline.test");
      String key = api.createKey(owner, new JsonObject().put("name", "k")).getString("key");
      JsonObject endless = chat("Once upon a time", 2000).put("logit_bias", NO_END);

      Streamed s =
          generation.stream(
              GenerationClient.CHAT,
              key,
              endless
                  .copy()
                  .put("stream", true)
                  .put("stream_options", new JsonObject().put("include_usage", true)));
      assertThat(s.events().getLast().done()).as(s.body()).isTrue();
      assertThat(s.finishReason()).isEqualTo("length");
      int sent = s.chunks().getLast().getJsonObject("usage").getInteger("completion_tokens");
      assertThat(sent).isBetween(1, 1999);
      assertThat(outputTokens(api, owner)).isEqualTo(sent);

      assertProblem(generation.post(GenerationClient.CHAT, key, endless), 504, "deadline_exceeded");
      assertThat(outputTokens(api, owner)).as("the 504 is not billed").isEqualTo(sent);
    }
  }

  private static long outputTokens(ApiClient api, String owner) {
    JsonArray rows =
        api.get("/api/usage?groupBy=meter", owner).bodyAsJsonObject().getJsonArray("data");
    return rows.stream()
        .map(JsonObject.class::cast)
        .filter(r -> r.getString("meter").equals("generation_output_tokens"))
        .mapToLong(r -> r.getLong("quantity"))
        .sum();
  }
}
