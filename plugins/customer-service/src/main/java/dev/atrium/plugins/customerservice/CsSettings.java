package dev.atrium.plugins.customerservice;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * A tenant's settings for customer service, validated by the host against {@link #SCHEMA}: {@code
 * confidenceThreshold} (below it the answer hands off to a human), {@code topK} (citations per
 * answer), the hand-off messages in English and Chinese, and generative answering: {@code
 * generationModel} (empty: extractive answers only), {@code supportThreshold} (see {@link
 * AnswerSupport}) and {@code generationMaxTokens}; {@code redactPersonalData} (see {@link
 * ConversationPrivacy}).
 *
 * <p>Each property has an English {@code title} and a Chinese {@code x-title-zh} for the settings
 * form.
 */
record CsSettings(
    double confidenceThreshold,
    int topK,
    String handoffMessage,
    String handoffMessageZh,
    String generationModel,
    double supportThreshold,
    int generationMaxTokens,
    boolean redactPersonalData) {

  static final String DEFAULT_HANDOFF =
      "I'm not sure about this one, so I've passed your question to our team: a person will follow up shortly.";
  static final String DEFAULT_HANDOFF_ZH = "这个问题我不太确定，已转交给我们的客服人员，稍后会有专人跟进。";

  static final double DEFAULT_SUPPORT_THRESHOLD = 0.6;
  static final int DEFAULT_GENERATION_MAX_TOKENS = 256;

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
                          .put("title", "Confidence threshold")
                          .put("x-title-zh", "置信度阈值")
                          .put("minimum", 0)
                          .put("maximum", 1)
                          .put("default", 0.4)
                          .put(
                              "description",
                              "Below this confidence the answer hands off to a human.")
                          .put("x-description-zh", "置信度低于此值时转人工。"))
                  .put(
                      "topK",
                      new JsonObject()
                          .put("type", "integer")
                          .put("title", "Citations per answer")
                          .put("x-title-zh", "每个回答的引用数")
                          .put("minimum", 1)
                          .put("maximum", 10)
                          .put("default", 3))
                  .put(
                      "handoffMessage",
                      new JsonObject()
                          .put("type", "string")
                          .put("title", "Hand-off message (English)")
                          .put("x-title-zh", "转人工提示（英文）")
                          .put("minLength", 1)
                          .put("maxLength", 500))
                  .put(
                      "handoffMessageZh",
                      new JsonObject()
                          .put("type", "string")
                          .put("title", "Hand-off message (Chinese)")
                          .put("x-title-zh", "转人工提示（中文）")
                          .put("minLength", 1)
                          .put("maxLength", 500))
                  .put(
                      "generationModel",
                      new JsonObject()
                          .put("type", "string")
                          .put("title", "Generation model")
                          .put("x-title-zh", "生成模型")
                          .put("maxLength", 64)
                          .put("pattern", "^([a-z0-9][a-z0-9._-]*)?$")
                          .put("default", "")
                          .put(
                              "description",
                              "A generation model served by the platform (see GET /v1/models)."
                                  + " Empty: answers are extracted from the passages, never written.")
                          .put("x-description-zh", "平台提供的生成模型（见 GET /v1/models）。留空：只从段落中摘取答案，不生成。"))
                  .put(
                      "supportThreshold",
                      new JsonObject()
                          .put("type", "number")
                          .put("title", "Support threshold for generated answers")
                          .put("x-title-zh", "生成回答的依据阈值")
                          .put("minimum", 0)
                          .put("maximum", 1)
                          .put("default", DEFAULT_SUPPORT_THRESHOLD)
                          .put(
                              "description",
                              "Each sentence of a generated answer must be at least this close"
                                  + " (cosine similarity) to a sentence of the passages, or the"
                                  + " extracted answer is given instead.")
                          .put("x-description-zh", "生成回答的每个句子与段落中某个句子的余弦相似度须不低于此值，否则改用摘取的答案。"))
                  .put(
                      "generationMaxTokens",
                      new JsonObject()
                          .put("type", "integer")
                          .put("title", "Longest generated answer (tokens)")
                          .put("x-title-zh", "生成回答的最大长度（词元）")
                          .put("minimum", 16)
                          .put("maximum", 1024)
                          .put("default", DEFAULT_GENERATION_MAX_TOKENS))
                  .put(
                      "redactPersonalData",
                      new JsonObject()
                          .put("type", "boolean")
                          .put("title", "Redact personal data in stored conversations")
                          .put("x-title-zh", "存储对话时隐去个人信息")
                          .put("default", true)
                          .put(
                              "description",
                              "Phone numbers, e-mail addresses, card numbers, resident IDs, IBANs"
                                  + " and IP addresses in questions, answers and feedback are"
                                  + " stored as placeholders such as [PHONE]. The live answer is"
                                  + " unchanged.")
                          .put(
                              "x-description-zh",
                              "问题、回答和反馈中的电话、邮箱、卡号、身份证号、IBAN 和 IP 地址以 [PHONE] 等占位符存储；实时回答不受影响。")))
          .put("required", new JsonArray());

  static CsSettings from(JsonObject json) {
    return new CsSettings(
        json.getDouble("confidenceThreshold", 0.4),
        json.getInteger("topK", 3),
        json.getString("handoffMessage", DEFAULT_HANDOFF),
        json.getString("handoffMessageZh", DEFAULT_HANDOFF_ZH),
        json.getString("generationModel", ""),
        json.getDouble("supportThreshold", DEFAULT_SUPPORT_THRESHOLD),
        json.getInteger("generationMaxTokens", DEFAULT_GENERATION_MAX_TOKENS),
        json.getBoolean("redactPersonalData", true));
  }

  /** The generation model answers are written with; empty when answers are extracted. */
  Optional<String> generation() {
    return generationModel.isEmpty() ? Optional.empty() : Optional.of(generationModel);
  }

  String handoffMessage(boolean chinese) {
    return chinese ? handoffMessageZh : handoffMessage;
  }
}
