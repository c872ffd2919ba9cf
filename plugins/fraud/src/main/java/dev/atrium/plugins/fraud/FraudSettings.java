package dev.atrium.plugins.fraud;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant's settings: decision thresholds, the clock skew allowed for timestamps, the batch limit,
 * the costs for backtests, and the CSV column mapping for uploads.
 */
record FraudSettings(
    Decision.Thresholds thresholds,
    Duration futureSkew,
    int maxBatch,
    double missedFraudCost,
    double reviewCost,
    Map<String, String> csvColumns) {

  static final JsonObject SCHEMA =
      new JsonObject()
          .put("type", "object")
          .put("additionalProperties", false)
          .put(
              "properties",
              new JsonObject()
                  .put(
                      "reviewThreshold",
                      titled(
                          unit("Score at or above which a payment is reviewed (default 0.7)"),
                          "Review threshold",
                          "人工审核阈值",
                          "评分达到此值的交易进入人工审核（默认 0.7）"))
                  .put(
                      "blockThreshold",
                      titled(
                          unit("Score at or above which a payment is blocked (default 0.9)"),
                          "Block threshold",
                          "拦截阈值",
                          "评分达到此值的交易被拦截（默认 0.9）"))
                  .put(
                      "futureSkewSeconds",
                      titled(
                          new JsonObject()
                              .put("type", "integer")
                              .put("minimum", 0)
                              .put("maximum", 3600)
                              .put(
                                  "description",
                                  "How far in the future a timestamp may be (default 300)"),
                          "Allowed clock skew (seconds)",
                          "允许的时钟偏差（秒）",
                          "交易时间最多可超前当前时间多少秒（默认 300）"))
                  .put(
                      "maxBatch",
                      titled(
                          new JsonObject()
                              .put("type", "integer")
                              .put("minimum", 1)
                              .put("maximum", 1000)
                              .put("description", "Most transactions per batch (default 1000)"),
                          "Largest batch",
                          "每批最多交易数",
                          "每批最多交易数（默认 1000）"))
                  .put(
                      "missedFraudCost",
                      titled(
                          money("Cost of a fraud let through (default 100)"),
                          "Cost of a missed fraud",
                          "漏判一笔欺诈的损失",
                          "放过一笔欺诈的损失（默认 100）"))
                  .put(
                      "reviewCost",
                      titled(
                          money("Cost of one review (default 5)"),
                          "Cost of a review",
                          "一次审核的成本",
                          "一次人工审核的成本（默认 5）"))
                  .put(
                      "csvColumns",
                      titled(
                          new JsonObject()
                              .put("type", "object")
                              .put(
                                  "description",
                                  "Transaction field (or 'label') -> the CSV column holding it; unmapped fields use their own name")
                              .put("additionalProperties", new JsonObject().put("type", "string")),
                          "CSV columns",
                          "CSV 列映射",
                          "交易字段（或 label）对应的 CSV 列名；未映射的字段使用同名列")));

  static final FraudSettings DEFAULTS = from(new JsonObject());

  private static JsonObject unit(String description) {
    return new JsonObject()
        .put("type", "number")
        .put("minimum", 0)
        .put("maximum", 1)
        .put("description", description);
  }

  /** The settings form's label in English and Chinese, and the Chinese of the description. */
  private static JsonObject titled(
      JsonObject property, String title, String titleZh, String descriptionZh) {
    return property
        .put("title", title)
        .put("x-title-zh", titleZh)
        .put("x-description-zh", descriptionZh);
  }

  private static JsonObject money(String description) {
    return new JsonObject().put("type", "number").put("minimum", 0).put("description", description);
  }

  static FraudSettings from(JsonObject json) {
    Map<String, String> columns = new TreeMap<>();
    JsonObject mapping = json.getJsonObject("csvColumns", new JsonObject());
    for (String field : mapping.fieldNames()) {
      columns.put(field, mapping.getString(field));
    }
    return new FraudSettings(
        new Decision.Thresholds(
            json.getDouble("reviewThreshold", 0.7), json.getDouble("blockThreshold", 0.9)),
        Duration.ofSeconds(json.getInteger("futureSkewSeconds", 300)),
        json.getInteger("maxBatch", 1000),
        json.getDouble("missedFraudCost", 100.0),
        json.getDouble("reviewCost", 5.0),
        columns);
  }

  /** The CSV column for {@code field}: mapped, else the field's own name. */
  String column(String field) {
    return csvColumns.getOrDefault(field, field);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("reviewThreshold", thresholds.review())
        .put("blockThreshold", thresholds.block())
        .put("futureSkewSeconds", futureSkew.toSeconds())
        .put("maxBatch", maxBatch)
        .put("missedFraudCost", missedFraudCost)
        .put("reviewCost", reviewCost)
        .put("csvColumns", new JsonObject(new TreeMap<>(csvColumns)))
        .put("fields", new JsonArray(TransactionParser.FIELDS.stream().sorted().toList()));
  }
}
