package dev.atrium.plugins.tutoring;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's tutoring settings, validated by the host against {@link #SCHEMA}. Each property has an
 * English {@code title} and a Chinese {@code x-title-zh} for the settings form.
 */
record TutoringSettings(
    String generationModel,
    int generationMaxTokens,
    double supportThreshold,
    int exposureTopK,
    double masteryThreshold,
    double passScore,
    double reviewMargin,
    int stuckAttempts,
    int recalibrateEvery,
    boolean moderateAnswers,
    List<String> bannedTerms) {

  static final JsonObject SCHEMA =
      new JsonObject()
          .put("type", "object")
          .put("additionalProperties", false)
          .put("required", new JsonArray())
          .put(
              "properties",
              new JsonObject()
                  .put(
                      "generationModel",
                      property("string", "Generation model for hints", "提示生成模型", "")
                          .put("maxLength", 64)
                          .put("pattern", "^([a-z0-9][a-z0-9._-]*)?$")
                          .put(
                              "description",
                              "Empty: hints and answers are the most relevant passage of the material.")
                          .put("x-description-zh", "留空：提示和解答取自材料中最相关的段落。"))
                  .put(
                      "generationMaxTokens",
                      property("integer", "Longest generated hint (tokens)", "生成提示的最大长度", 128)
                          .put("minimum", 16)
                          .put("maximum", 512))
                  .put(
                      "supportThreshold",
                      unit("Support threshold for generated hints", "生成提示的依据阈值", 0.5))
                  .put(
                      "exposureTopK",
                      property(
                              "integer",
                              "Exposure control: pick among the k most informative",
                              "曝光控制：从信息量最高的k道题中随机选",
                              4)
                          .put("minimum", 1)
                          .put("maximum", 20))
                  .put("masteryThreshold", unit("Mastery threshold (BKT)", "掌握阈值（BKT）", 0.95))
                  .put("passScore", unit("Pass score for free-text answers", "自由作答及格分", 0.6))
                  .put(
                      "reviewMargin",
                      unit(
                          "Scores this close to the pass score go to the teacher",
                          "接近及格分时交教师复核的范围",
                          0.1))
                  .put(
                      "stuckAttempts",
                      property(
                              "integer",
                              "Attempts without mastery before a learner is stuck",
                              "判定卡住的尝试次数",
                              8)
                          .put("minimum", 2)
                          .put("maximum", 1000))
                  .put(
                      "recalibrateEvery",
                      property(
                              "integer",
                              "Recalibrate items after this many new answers",
                              "每收到多少新作答重新校准题目",
                              500)
                          .put("minimum", 0)
                          .put("maximum", 1000000))
                  .put(
                      "moderateAnswers",
                      property("boolean", "Moderate learners' free text", "审核学习者的自由作答", true))
                  .put(
                      "bannedTerms",
                      new JsonObject()
                          .put("type", "array")
                          .put("title", "Banned terms in answers")
                          .put("x-title-zh", "作答中的禁用词")
                          .put("maxItems", 500)
                          .put(
                              "items",
                              new JsonObject()
                                  .put("type", "string")
                                  .put("minLength", 1)
                                  .put("maxLength", 100))));

  private static JsonObject property(String type, String title, String titleZh, Object fallback) {
    return new JsonObject()
        .put("type", type)
        .put("title", title)
        .put("x-title-zh", titleZh)
        .put("default", fallback);
  }

  private static JsonObject unit(String title, String titleZh, double fallback) {
    return property("number", title, titleZh, fallback).put("minimum", 0).put("maximum", 1);
  }

  static TutoringSettings from(JsonObject json) {
    return new TutoringSettings(
        json.getString("generationModel", ""),
        json.getInteger("generationMaxTokens", 128),
        json.getDouble("supportThreshold", 0.5),
        json.getInteger("exposureTopK", 4),
        json.getDouble("masteryThreshold", 0.95),
        json.getDouble("passScore", 0.6),
        json.getDouble("reviewMargin", 0.1),
        json.getInteger("stuckAttempts", 8),
        json.getInteger("recalibrateEvery", 500),
        json.getBoolean("moderateAnswers", true),
        json.getJsonArray("bannedTerms", new JsonArray()).stream().map(String::valueOf).toList());
  }

  Optional<String> generation() {
    return generationModel.isEmpty() ? Optional.empty() : Optional.of(generationModel);
  }

  KnowledgeTracing tracing() {
    KnowledgeTracing d = KnowledgeTracing.DEFAULT;
    return new KnowledgeTracing(d.initial(), d.learn(), d.slip(), d.guess(), masteryThreshold);
  }
}
