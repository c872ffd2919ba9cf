package dev.atrium.plugins.fraud;

import static dev.atrium.plugin.api.JsonSchema.anyObject;
import static dev.atrium.plugin.api.JsonSchema.arrayOf;
import static dev.atrium.plugin.api.JsonSchema.bool;
import static dev.atrium.plugin.api.JsonSchema.dataOf;
import static dev.atrium.plugin.api.JsonSchema.integer;
import static dev.atrium.plugin.api.JsonSchema.mapOf;
import static dev.atrium.plugin.api.JsonSchema.nullable;
import static dev.atrium.plugin.api.JsonSchema.number;
import static dev.atrium.plugin.api.JsonSchema.object;
import static dev.atrium.plugin.api.JsonSchema.oneOf;
import static dev.atrium.plugin.api.JsonSchema.optional;
import static dev.atrium.plugin.api.JsonSchema.string;
import static dev.atrium.plugin.api.JsonSchema.withMembers;

import io.vertx.core.json.JsonObject;

/**
 * The JSON Schemas of the plugin's requests and answers, for its routes' entries in /openapi.json.
 */
final class FraudSchemas {
  private static final JsonObject AMOUNT =
      new JsonObject().put("type", new io.vertx.core.json.JsonArray().add("number").add("string"));

  /** A payment to score: account, amount, currency and timestamp are required. */
  static final JsonObject TRANSACTION =
      optional(
              object(
                  "id", string(),
                  "amount", AMOUNT,
                  "currency", string().put("pattern", "^[A-Za-z]{3}$"),
                  "timestamp", string(),
                  "account", string(),
                  "merchant", string(),
                  "category", string(),
                  "channel", oneOf("online", "pos", "atm", "mobile", "transfer", "other"),
                  "device", string(),
                  "ip", string(),
                  "country", string(),
                  "lat", number(),
                  "lon", number(),
                  "attributes", anyObject()),
              "id",
              "merchant",
              "category",
              "channel",
              "device",
              "ip",
              "country",
              "lat",
              "lon",
              "attributes")
          .put("additionalProperties", false);

  static final JsonObject BATCH =
      object("transactions", arrayOf(TRANSACTION)).put("additionalProperties", false);

  static final JsonObject SCORED =
      object(
          "id", string(),
          "score", number(),
          "baseScore", number(),
          "decision", oneOf("allow", "review", "block"),
          "source", string(),
          "reasons",
              arrayOf(
                  object(
                      "feature", string(),
                      "value", number(),
                      "contribution", number(),
                      "en", string(),
                      "zh", string())),
          "rules",
              arrayOf(
                  object("id", string(), "name", string(), "action", string(), "score", number())),
          "features", mapOf(number()));

  static final JsonObject SCORED_BATCH = dataOf(SCORED);

  /** A rule as a tenant writes it. */
  static final JsonObject RULE_DEFINITION =
      optional(
              object(
                  "name", string(),
                  "expression", string(),
                  "action", oneOf("allow", "review", "block", "score"),
                  "score", number()),
              "score")
          .put("additionalProperties", false);

  static final JsonObject BACKTEST =
      object(
          "days", integer(),
          "evaluated", integer(),
          "hits", integer(),
          "hitRate", number(),
          "labelledHits", integer(),
          "precision", nullable(number()),
          "recall", nullable(number()));

  static final JsonObject RULE =
      optional(
          withMembers(
              object(
                  "id", string(),
                  "name", string(),
                  "expression", string(),
                  "action", string(),
                  "score", number(),
                  "enabled", bool()),
              "backtest",
              nullable(BACKTEST)),
          "backtest");

  static final JsonObject RULES = dataOf(RULE);

  static final JsonObject SETTINGS =
      object(
          "reviewThreshold", number(),
          "blockThreshold", number(),
          "futureSkewSeconds", integer(),
          "maxBatch", integer(),
          "missedFraudCost", number(),
          "reviewCost", number(),
          "csvColumns", mapOf(string()),
          "fields", arrayOf(string()));

  static final JsonObject JOB =
      object(
          "id", string(),
          "name", string(),
          "state", oneOf("running", "succeeded", "failed", "cancelled"),
          "progress", number(),
          "message", string(),
          "error", nullable(string()));

  /** Synthetic history: days (1-90, default 30), accounts (10-50,000, default 300), seed. */
  static final JsonObject DEMO =
      optional(
              object(
                  "days", bounded(1, 90),
                  "accounts", bounded(10, 50_000),
                  "seed", bounded(0, Integer.MAX_VALUE)),
              "days",
              "accounts",
              "seed")
          .put("additionalProperties", false);

  private FraudSchemas() {}

  private static JsonObject bounded(int min, int max) {
    return integer().put("minimum", min).put("maximum", max);
  }
}
