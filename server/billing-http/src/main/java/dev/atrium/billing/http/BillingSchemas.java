package dev.atrium.billing.http;

import static dev.atrium.plugin.api.JsonSchema.arrayOf;
import static dev.atrium.plugin.api.JsonSchema.bool;
import static dev.atrium.plugin.api.JsonSchema.dataOf;
import static dev.atrium.plugin.api.JsonSchema.dateTime;
import static dev.atrium.plugin.api.JsonSchema.integer;
import static dev.atrium.plugin.api.JsonSchema.mapOf;
import static dev.atrium.plugin.api.JsonSchema.nullable;
import static dev.atrium.plugin.api.JsonSchema.number;
import static dev.atrium.plugin.api.JsonSchema.object;
import static dev.atrium.plugin.api.JsonSchema.oneOf;
import static dev.atrium.plugin.api.JsonSchema.optional;
import static dev.atrium.plugin.api.JsonSchema.string;
import static dev.atrium.plugin.api.JsonSchema.uuid;
import static dev.atrium.plugin.api.JsonSchema.withMembers;

import io.vertx.core.json.JsonObject;

/**
 * The JSON Schemas of what the billing API answers, for its entries in /openapi.json. Money is a
 * decimal string ({@code "12.50"}), never a JSON number.
 */
final class BillingSchemas {
  static final JsonObject MONEY = string().put("pattern", "^-?[0-9]+(\\.[0-9]+)?$");

  static final JsonObject PLAN =
      object(
          "id", string(),
          "name", string(),
          "monthlyFee", MONEY,
          "rateLimits",
              object(
                  "keyRequestsPerMinute", integer(),
                  "tenantRequestsPerMinute", integer(),
                  "keyTokensPerMinute", integer(),
                  "tenantTokensPerMinute", integer()),
          "maxConcurrency", integer(),
          "poolWeight", integer(),
          "allowedPlugins", arrayOf(string()),
          "meters",
              mapOf(
                  object(
                      "included", integer(),
                      "softLimit", nullable(integer()),
                      "hardLimit", nullable(integer()),
                      "tiers", arrayOf(object("firstUnit", integer(), "unitPrice", MONEY)))),
          "updatedAt", dateTime());

  static final JsonObject METERS =
      dataOf(
          object(
              "name", string(),
              "unit", string(),
              "pluginId", nullable(string()),
              "description", string()));

  static final JsonObject SUBSCRIPTION =
      object(
          "planId",
          string(),
          "history",
          arrayOf(
              object(
                  "planId", string(),
                  "startsAt", dateTime(),
                  "endsAt", nullable(dateTime()),
                  "discountPercent", MONEY)));

  static final JsonObject INVOICE_SUMMARY =
      object(
          "id", uuid(),
          "tenantId", uuid(),
          "period", string(),
          "status", oneOf("draft", "finalised", "void", "estimate"),
          "currency", string(),
          "subtotal", MONEY,
          "discountPercent", MONEY,
          "discount", MONEY,
          "taxPercent", MONEY,
          "tax", MONEY,
          "total", MONEY,
          "issuedAt", dateTime(),
          "finalisedAt", nullable(dateTime()),
          "voidedAt", nullable(dateTime()));

  static final JsonObject INVOICE =
      withMembers(
          INVOICE_SUMMARY,
          "lines",
          arrayOf(
              object(
                  "line", integer(),
                  "kind", string(),
                  "description", string(),
                  "meter", nullable(string()),
                  "plugin", nullable(string()),
                  "quantity", integer(),
                  "included", integer(),
                  "billable", integer(),
                  "unitPrice", MONEY,
                  "amount", MONEY)));

  static final JsonObject INVOICES = dataOf(INVOICE_SUMMARY);

  static final JsonObject PERIOD_INVOICES =
      dataOf(withMembers(INVOICE_SUMMARY, "tenantName", string()));

  static final JsonObject CLOSE =
      object(
          "period", string(),
          "state", oneOf("running", "done", "failed"),
          "draft", bool(),
          "tenantsDone", integer(),
          "invoicesCreated", integer(),
          "tenantsSkipped", integer(),
          "startedAt", dateTime(),
          "finishedAt", nullable(dateTime()),
          "error", nullable(string()));

  static final JsonObject PREVIEW =
      object(
          "currentPlanId", string(),
          "plan", PLAN,
          "effectiveAt", dateTime(),
          "period", string(),
          "currency", string(),
          "proratedCharge", MONEY,
          "fees",
              arrayOf(
                  object(
                      "planId", string(),
                      "planName", string(),
                      "from", dateTime(),
                      "to", dateTime(),
                      "description", string(),
                      "amount", MONEY)),
          "monthTotalBefore", MONEY,
          "monthTotalAfter", MONEY);

  static final JsonObject SUMMARY =
      object(
          "plan", PLAN,
          "period", string(),
          "periodStart", dateTime(),
          "periodEnd", dateTime(),
          "meters",
              arrayOf(
                  object(
                      "meter", string(),
                      "unit", string(),
                      "used", integer(),
                      "inFlight", integer(),
                      "included", integer(),
                      "softLimit", nullable(integer()),
                      "hardLimit", nullable(integer()),
                      "warning", nullable(integer()))),
          "warnings",
              arrayOf(
                  object(
                      "meter", string(),
                      "percent", integer(),
                      "used", integer(),
                      "limit", integer())),
          "chargesSoFar", INVOICE);

  static final JsonObject TENANT_ACCOUNT_ROW =
      object(
          "id", uuid(),
          "name", string(),
          "createdAt", dateTime(),
          "suspended", bool(),
          "suspendedAt", nullable(dateTime()),
          "suspendedReason", nullable(string()),
          "planId", string(),
          "planName", string(),
          "discountPercent", MONEY,
          "status", oneOf("within_limits", "near_limit", "at_limit"),
          "period", string(),
          "currency", string(),
          "usageAmount", MONEY,
          "chargesSoFar", MONEY);

  static final JsonObject TENANT_ACCOUNT =
      withMembers(
          TENANT_ACCOUNT_ROW,
          "plan",
          PLAN,
          "history",
          SUBSCRIPTION.getJsonObject("properties").getJsonObject("history"),
          "meters",
          arrayOf(
              object(
                  "meter", string(),
                  "unit", string(),
                  "used", integer(),
                  "included", integer(),
                  "hardLimit", nullable(integer()))),
          "estimate",
          INVOICE,
          "invoices",
          arrayOf(INVOICE_SUMMARY));

  /** A usage report: the grouping column is named by {@code groupBy} (day, hour, plugin...). */
  static final JsonObject USAGE =
      optional(
          object(
              "data",
                  arrayOf(
                      optional(
                          object(
                              "tenantId", uuid(),
                              "meter", string(),
                              "unit", nullable(string()),
                              "quantity", integer(),
                              "events", integer(),
                              "cost", MONEY,
                              "hour", string(),
                              "day", string(),
                              "plugin", nullable(string()),
                              "model", nullable(string()),
                              "key", nullable(string())),
                          "tenantId",
                          "cost",
                          "hour",
                          "day",
                          "plugin",
                          "model",
                          "key")),
              "meters",
                  mapOf(
                      object(
                          "unit", string(),
                          "pluginId", nullable(string()),
                          "description", string(),
                          "unitPrice", nullable(MONEY))),
              "currency", string(),
              "plan", string(),
              "totalCost", MONEY,
              "from", dateTime(),
              "to", dateTime(),
              "groupBy", oneOf("hour", "day", "meter", "plugin", "model", "key")),
          "currency",
          "plan",
          "totalCost");

  static final JsonObject REQUEST_LOGS =
      object(
          "data",
          arrayOf(
              object(
                  "requestId", uuid(),
                  "time", dateTime(),
                  "keyId", uuid(),
                  "method", string(),
                  "route", string(),
                  "status", integer(),
                  "latencyMs", number(),
                  "tokens", integer(),
                  "cost", MONEY,
                  "errorCode", nullable(string()))),
          "next",
          nullable(uuid()));

  static final JsonObject ALERT =
      object(
          "alertId", uuid(),
          "period", string(),
          "percent", integer(),
          "budget", MONEY,
          "spent", MONEY,
          "currency", string(),
          "raisedAt", dateTime());

  static final JsonObject ALERTS = object("period", string(), "data", arrayOf(ALERT));

  static final JsonObject BUDGET =
      optional(
          object(
              "budget",
                  nullable(
                      object(
                          "monthlyAmount", MONEY,
                          "thresholds", arrayOf(integer()),
                          "webhookUrl", nullable(string()),
                          "updatedAt", dateTime())),
              "period", string(),
              "currency", string(),
              "spent", MONEY,
              "alerts", arrayOf(ALERT),
              "deliveries",
                  arrayOf(
                      object(
                          "alertId", uuid(),
                          "attempt", integer(),
                          "url", string(),
                          "status", nullable(integer()),
                          "error", nullable(string()),
                          "delivered", bool(),
                          "attemptedAt", dateTime())),
              "webhookSecret", string()),
          "webhookSecret");

  static final JsonObject CLOCK =
      object("now", dateTime(), "offsetSeconds", integer(), "advanceable", bool());

  /** What an operator sends to create or replace a plan: {@link #PLAN} without updatedAt. */
  static JsonObject planRequest() {
    JsonObject decimal =
        new JsonObject()
            .put("type", new io.vertx.core.json.JsonArray().add("string").add("number"));
    JsonObject request = PLAN.copy();
    JsonObject properties = request.getJsonObject("properties");
    properties.remove("updatedAt");
    properties.put("monthlyFee", decimal);
    properties
        .getJsonObject("meters")
        .getJsonObject("additionalProperties")
        .getJsonObject("properties")
        .getJsonObject("tiers")
        .getJsonObject("items")
        .getJsonObject("properties")
        .put("unitPrice", decimal);
    request.getJsonArray("required").remove("updatedAt");
    request.getJsonArray("required").remove("id");
    return request.put("additionalProperties", false);
  }

  private BillingSchemas() {}
}
