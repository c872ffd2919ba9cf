package dev.atrium.contract;

import static dev.atrium.contract.ValidatingClient.call;

import dev.atrium.contract.ValidatingClient.Call;
import dev.atrium.contract.ValidatingClient.Exchange;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/** One successful call of each customer-service route, and its refusals. */
final class CustomerServiceTraffic {
  private static final String BASE = "/v1/customer-service";
  private static final String DOCUMENT =
      "# Returns\n\nItems can be returned within 14 days of delivery for a full refund.\n"
          + "Refunds reach the original payment method within 5 working days.\n";

  private final ValidatingClient api;
  private final String key;

  CustomerServiceTraffic(ValidatingClient api, String key) {
    this.api = api;
    this.key = key;
  }

  void run() {
    ingested("returns.md", DOCUMENT);
    expect(
        415,
        call("POST", BASE + "/documents")
            .query("fileName", "photo.png")
            .body("application/octet-stream", new byte[] {1, 2, 3}));
    expect(200, call("GET", BASE + "/documents"));
    expect(200, call("GET", BASE + "/documents/returns.md"));
    expect(404, call("GET", BASE + "/documents/nothing.md"));
    expect(
        200,
        call("POST", BASE + "/search")
            .json(new JsonObject().put("query", "How long do refunds take?")));
    String conversation = conversation("Can I return an item after 10 days?");
    expect(
        200,
        call("POST", BASE + "/answer")
            .json(
                new JsonObject()
                    .put("question", "And how long does the refund take?")
                    .put("conversationId", conversation)
                    .put("stream", true)));
    expect(200, call("GET", BASE + "/conversations"));
    expect(200, call("GET", BASE + "/conversations/" + conversation));
    expect(200, call("GET", BASE + "/conversations/" + conversation + "/summary"));
    expect(
        204,
        call("POST", BASE + "/feedback")
            .json(
                new JsonObject()
                    .put("conversationId", conversation)
                    .put("turn", 1)
                    .put("helpful", true)
                    .put("comment", "Clear")));
    expect(200, call("GET", BASE + "/feedback").query("helpful", "true").query("limit", "10"));
    expect(400, call("GET", BASE + "/feedback").query("helpful", "maybe").invalid());
    expect(200, call("GET", BASE + "/intents"));
    JsonObject intents =
        new JsonObject()
            .put(
                "intents",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("name", "refund")
                            .put(
                                "examples",
                                new JsonArray()
                                    .add("I want my money back")
                                    .add("refund please")
                                    .add("how do I get a refund"))));
    String training =
        expect(202, call("PUT", BASE + "/intents").json(intents))
            .json()
            .getJsonObject("job")
            .getString("id");
    Polling.until(
        () -> expect(200, call("GET", BASE + "/jobs/" + training)).json().getString("state"),
        "succeeded");
    expect(204, call("DELETE", BASE + "/documents/returns.md"));
  }

  /**
   * Uploads {@code text} as Markdown document {@code documentId} and waits until it is ingested;
   * answers the id of its ingestion job.
   */
  String ingested(String documentId, String text) {
    Exchange uploaded =
        expect(
            202,
            call("POST", BASE + "/documents")
                .query("fileName", documentId)
                .query("documentId", documentId)
                .body("text/markdown", text.getBytes(StandardCharsets.UTF_8)));
    String job = uploaded.json().getJsonObject("job").getString("id");
    Polling.until(
        () -> expect(200, call("GET", BASE + "/jobs/" + job)).json().getString("state"),
        "succeeded");
    return job;
  }

  /** Asks {@code question} in a new conversation; answers the conversation's id. */
  String conversation(String question) {
    return expect(
            200, call("POST", BASE + "/answer").json(new JsonObject().put("question", question)))
        .json()
        .getString("conversationId");
  }

  private Exchange expect(int status, Call call) {
    return api.expect(status, call.as(key));
  }
}
