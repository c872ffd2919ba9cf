package dev.atrium.contract;

import static dev.atrium.contract.ValidatingClient.call;

import dev.atrium.contract.ValidatingClient.Call;
import dev.atrium.contract.ValidatingClient.Exchange;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Calls of the content routes whose contract the plugin declares: its model-free tools. */
final class ContentTraffic {
  private static final String BASE = "/v1/content";
  private static final String ENGLISH =
      "Our new kettle boils a litre in ninety seconds. It switches itself off when the water boils."
          + " The handle stays cool, and the base turns all the way round.";
  private static final String CHINESE = "这款新水壶九十秒就能烧开一升水。水开后自动断电。把手不烫手，底座可以旋转。";

  private final ValidatingClient api;
  private final String key;

  ContentTraffic(ValidatingClient api, String key) {
    this.api = api;
    this.key = key;
  }

  void run() {
    expect(200, call("POST", BASE + "/summarize").json(text(ENGLISH).put("sentences", 1)));
    expect(200, call("POST", BASE + "/keywords").json(text(CHINESE).put("top", 5)));
    expect(200, call("POST", BASE + "/stats").json(text(ENGLISH)));
    expect(200, call("POST", BASE + "/stats").json(text(CHINESE)));
    expect(400, call("POST", BASE + "/stats").json(text(" ")));
    expect(200, call("POST", BASE + "/duplicates").json(text(ENGLISH).put("threshold", 0.9)));
    templates();
    voice();
  }

  private void templates() {
    expect(200, call("GET", BASE + "/templates").query("language", "zh"));
    expect(200, call("GET", BASE + "/templates/product-description-en"));
    expect(404, call("GET", BASE + "/templates/tpl-000000000000"));
    expect(400, call("POST", BASE + "/templates").json(template().put("prompt", "{{missing}}")));
    String id =
        expect(201, call("POST", BASE + "/templates").json(template())).json().getString("id");
    expect(200, call("PUT", BASE + "/templates/" + id).json(template().put("name", "一句话")));
    expect(409, call("PUT", BASE + "/templates/product-description-en").json(template()));
    expect(204, call("DELETE", BASE + "/templates/" + id));
    expect(404, call("DELETE", BASE + "/templates/" + id));
  }

  private void voice() {
    expect(200, call("GET", BASE + "/voice"));
    expect(400, call("PUT", BASE + "/voice").json(new JsonObject().put("readingLevel", "poetic")));
    expect(
        200,
        call("PUT", BASE + "/voice")
            .json(
                new JsonObject()
                    .put("styleNotes", "Warm and plain.")
                    .put(
                        "glossary",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("preferred", "kettle")
                                    .put("insteadOf", new JsonArray().add("boiler"))))
                    .put("bannedWords", new JsonArray().add("cheap").add("廉价"))
                    .put("readingLevel", "simple")
                    .put("length", new JsonObject().put("maxWords", 80))));
  }

  /** A tenant template: one line about a product, in a chosen tone. */
  private static JsonObject template() {
    return new JsonObject()
        .put("name", "One line")
        .put("language", "en")
        .put("prompt", "Write one line about {{product}} in a {{tone}} tone.")
        .put(
            "variables",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("name", "product")
                        .put("type", "text")
                        .put("maxLength", 200))
                .add(
                    new JsonObject()
                        .put("name", "tone")
                        .put("type", "enum")
                        .put("options", new JsonArray().add("warm").add("plain"))))
        .put("output", new JsonObject().put("type", "text").put("maxChars", 280));
  }

  private static JsonObject text(String text) {
    return new JsonObject().put("text", text);
  }

  private Exchange expect(int status, Call call) {
    return api.expect(status, call.as(key));
  }
}
