package dev.atrium.plugins.customerservice;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A tenant's settings for customer service, validated by the host against {@link #SCHEMA}: {@code
 * confidenceThreshold} (below it the answer hands off to a human), {@code topK} (citations per
 * answer), and the hand-off messages in English and Chinese.
 */
record CsSettings(
    double confidenceThreshold, int topK, String handoffMessage, String handoffMessageZh) {

  static final String DEFAULT_HANDOFF =
      "I'm not sure about this one, so I've passed your question to our team: a person will follow up shortly.";
  static final String DEFAULT_HANDOFF_ZH = "这个问题我不太确定，已转交给我们的客服人员，稍后会有专人跟进。";

  static final JsonObject SCHEMA =
      new JsonObject()
          .put("type", "object")
          .put("additionalProperties", false)
          .put(
              "properties",
              new JsonObject()
                  .put(
                      "confidenceThreshold",
                      new JsonObject()
                          .put("type", "number")
                          .put("minimum", 0)
                          .put("maximum", 1)
                          .put("default", 0.4)
                          .put(
                              "description",
                              "Below this confidence the answer hands off to a human."))
                  .put(
                      "topK",
                      new JsonObject()
                          .put("type", "integer")
                          .put("minimum", 1)
                          .put("maximum", 10)
                          .put("default", 3))
                  .put(
                      "handoffMessage",
                      new JsonObject()
                          .put("type", "string")
                          .put("minLength", 1)
                          .put("maxLength", 500))
                  .put(
                      "handoffMessageZh",
                      new JsonObject()
                          .put("type", "string")
                          .put("minLength", 1)
                          .put("maxLength", 500)))
          .put("required", new JsonArray());

  static CsSettings from(JsonObject json) {
    return new CsSettings(
        json.getDouble("confidenceThreshold", 0.4),
        json.getInteger("topK", 3),
        json.getString("handoffMessage", DEFAULT_HANDOFF),
        json.getString("handoffMessageZh", DEFAULT_HANDOFF_ZH));
  }

  String handoffMessage(boolean chinese) {
    return chinese ? handoffMessageZh : handoffMessage;
  }
}
