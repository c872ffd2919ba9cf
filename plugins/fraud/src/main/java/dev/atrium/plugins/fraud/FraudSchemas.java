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
              "timestamp",
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

  /** One reason of a score, in English and Chinese. */
  static final JsonObject REASON =
      object(
          "feature", string(),
          "value", number(),
          "contribution", number(),
          "en", string(),
          "zh", string());

  static final JsonObject SCORED =
      object(
          "id", string(),
          "score", number(),
          "baseScore", number(),
          "decision", oneOf("allow", "review", "block"),
          "source", string(),
          "reasons", arrayOf(REASON),
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
                  "seed", bounded(0, Integer.MAX_VALUE),
                  "start", string().put("format", "date")),
              "days",
              "accounts",
              "seed",
              "start")
          .put("additionalProperties", false);

  /** A scored payment as the scoring log keeps it (the live stream's entries). */
  static final JsonObject LOG_ENTRY =
      optional(
          object(
              "t", integer(),
              "txn", TRANSACTION,
              "f", arrayOf(number()),
              "s", number(),
              "a", oneOf("allow", "review", "block"),
              "src", string(),
              "r", arrayOf(string()),
              "why", arrayOf(string()),
              "y", integer(),
              "seq", integer()),
          "y");

  static final JsonObject STREAM = dataOf(LOG_ENTRY);

  /** An alert and the case on it. */
  static final JsonObject ALERT =
      optional(
          object(
              "id", string(),
              "txn", TRANSACTION,
              "score", number(),
              "decision", oneOf("review", "block"),
              "source", string(),
              "reasons", arrayOf(REASON),
              "rules", arrayOf(string()),
              "status", oneOf("open", "assigned", "confirmed", "dismissed"),
              "notes", arrayOf(object("text", string(), "at", string())),
              "assignee", string(),
              "createdAt", string(),
              "updatedAt", string(),
              "resolvedAt", string()),
          "assignee",
          "updatedAt",
          "resolvedAt");

  static final JsonObject ALERTS = dataOf(ALERT);

  static final JsonObject ASSIGNMENT = closed(object("assignee", string()));

  static final JsonObject NOTE = closed(object("text", string()));

  static final JsonObject OUTCOME = closed(object("outcome", oneOf("fraud", "legitimate")));

  /** A CSV upload accepted: its row count and the job scoring them. */
  static final JsonObject UPLOAD = object("rows", integer(), "job", JOB);

  /** Training: the period of labelled payments and the booster's limits, all optional. */
  static final JsonObject TRAINING =
      closed(
          optional(
              object("days", integer(), "maxRounds", integer(), "maxDepth", integer()),
              "days",
              "maxRounds",
              "maxDepth"));

  static final JsonObject MODEL_VERSION =
      object(
          "version", string(),
          "number", integer(),
          "createdAt", string(),
          "featureNames", arrayOf(string()),
          "labelled", integer(),
          "fraud", integer(),
          "metrics",
              object(
                  "rocAuc", number(),
                  "prAuc", number(),
                  "rounds", integer(),
                  "trainRows", integer(),
                  "validationRows", integer(),
                  "trainingMillis", integer()),
          "profile", anyObject());

  static final JsonObject MODELS =
      object(
          "promoted", nullable(string()),
          "history", arrayOf(string()),
          "data", arrayOf(MODEL_VERSION));

  static final JsonObject REPLAY =
      closed(
          optional(object("days", integer(), "budgetPercent", number()), "days", "budgetPercent"));

  private static final JsonObject EVALUATION =
      object(
          "rows", integer(),
          "frauds", integer(),
          "rocAuc", nullable(number()),
          "prAuc", nullable(number()),
          "budgetPercent", number(),
          "precisionAtBudget", nullable(number()),
          "recallAtBudget", nullable(number()),
          "costCurve", arrayOf(object("reviewPercent", number(), "cost", number())));

  static final JsonObject REPLAYED =
      object(
          "days",
          integer(),
          "labelled",
          integer(),
          "decisions",
          EVALUATION,
          "rulesOnly",
          EVALUATION);

  static final JsonObject DAILY_REPORT =
      object(
          "date", string(),
          "transactions", integer(),
          "amounts", mapOf(number()),
          "decisions", mapOf(integer()),
          "alerts", integer(),
          "confirmedFraud", integer(),
          "scoreHistogram", arrayOf(integer()),
          "topRules", arrayOf(object("id", string(), "name", string(), "hits", integer())),
          "topReasons",
              arrayOf(
                  object("feature", string(), "count", integer(), "en", string(), "zh", string())),
          "drift",
              object(
                  "reference", string(),
                  "features",
                      arrayOf(
                          object(
                              "feature", string(),
                              "psi", number(),
                              "level", oneOf("stable", "shifting", "drifted")))),
          "summary", object("en", string(), "zh", string()));

  private FraudSchemas() {}

  private static JsonObject closed(JsonObject schema) {
    return schema.put("additionalProperties", false);
  }

  private static JsonObject bounded(int min, int max) {
    return integer().put("minimum", min).put("maximum", max);
  }
}
