package dev.atrium.plugins.content;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * A tenant's settings for content generation, validated by the host against {@link #SCHEMA}; each
 * property has an English {@code title} and a Chinese {@code x-title-zh} for the settings form.
 *
 * @param generationModel the model to write with; empty for the platform's default generation model
 * @param maxTokens the longest generated text, in tokens
 * @param maxRegenerations how many times an output with a banned term is written again before the
 *     item is flagged
 * @param redactInputs whether personal data in inputs is replaced by placeholders before the model
 *     sees it
 * @param useDefaultLexicon whether the host's maintained banned-term lexicon applies besides the
 *     voice's own list
 * @param batchConcurrency how many rows of one batch job are generated at the same time
 * @param duplicateThreshold the similarity from which an earlier draft counts as a near-duplicate
 */
record ContentSettings(
    String generationModel,
    int maxTokens,
    int maxRegenerations,
    boolean redactInputs,
    boolean useDefaultLexicon,
    int batchConcurrency,
    double duplicateThreshold) {

  static final int DEFAULT_MAX_TOKENS = 256;
  static final int DEFAULT_REGENERATIONS = 2;
  static final int DEFAULT_BATCH_CONCURRENCY = 4;
  static final double DEFAULT_DUPLICATE_THRESHOLD = 0.92;

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
                      property("string", "Generation model", "生成模型")
                          .put("maxLength", 64)
                          .put("pattern", "^([a-z0-9][a-z0-9._-]*)?$")
                          .put("default", "")
                          .put(
                              "description",
                              "A generation model the platform serves (GET /v1/models); empty for"
                                  + " its default.")
                          .put("x-description-zh", "平台提供的生成模型（GET /v1/models）；留空使用默认模型。"))
                  .put(
                      "maxTokens",
                      property("integer", "Longest output (tokens)", "最长输出（词元）")
                          .put("minimum", 16)
                          .put("maximum", 2048)
                          .put("default", DEFAULT_MAX_TOKENS))
                  .put(
                      "maxRegenerations",
                      property("integer", "Regenerations on a banned term", "出现禁用词时的重写次数")
                          .put("minimum", 0)
                          .put("maximum", 5)
                          .put("default", DEFAULT_REGENERATIONS))
                  .put(
                      "redactInputs",
                      property("boolean", "Redact personal data from inputs", "输入中的个人信息先脱敏")
                          .put("default", false))
                  .put(
                      "useDefaultLexicon",
                      property(
                              "boolean",
                              "Also use the platform's banned-term lexicon",
                              "同时使用平台敏感词库")
                          .put("default", false))
                  .put(
                      "batchConcurrency",
                      property("integer", "Rows generated at once in a batch", "批量任务并行行数")
                          .put("minimum", 1)
                          .put("maximum", 16)
                          .put("default", DEFAULT_BATCH_CONCURRENCY))
                  .put(
                      "duplicateThreshold",
                      property("number", "Near-duplicate similarity", "近似重复的相似度阈值")
                          .put("minimum", 0.5)
                          .put("maximum", 1)
                          .put("default", DEFAULT_DUPLICATE_THRESHOLD)));

  private static JsonObject property(String type, String title, String titleZh) {
    return new JsonObject().put("type", type).put("title", title).put("x-title-zh", titleZh);
  }

  static ContentSettings from(JsonObject json) {
    return new ContentSettings(
        json.getString("generationModel", ""),
        json.getInteger("maxTokens", DEFAULT_MAX_TOKENS),
        json.getInteger("maxRegenerations", DEFAULT_REGENERATIONS),
        json.getBoolean("redactInputs", false),
        json.getBoolean("useDefaultLexicon", false),
        json.getInteger("batchConcurrency", DEFAULT_BATCH_CONCURRENCY),
        json.getDouble("duplicateThreshold", DEFAULT_DUPLICATE_THRESHOLD));
  }

  Optional<String> model() {
    return generationModel.isEmpty() ? Optional.empty() : Optional.of(generationModel);
  }
}
