package dev.atrium.contract;

import static dev.atrium.contract.ValidatingClient.call;

import dev.atrium.contract.ValidatingClient.Call;
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
  }

  private static JsonObject text(String text) {
    return new JsonObject().put("text", text);
  }

  private void expect(int status, Call call) {
    api.expect(status, call.as(key));
  }
}
