package dev.atrium.plugins.content;

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

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The JSON Schemas of the plugin's requests and answers (templates, brand voice, generation,
 * drafts, batches, the panel), for its routes' entries in /openapi.json. Requests list every field
 * the handlers accept and refuse others; answers name every member the handlers write.
 */
final class ContentSchemas {
  private static final JsonObject LANGUAGE = oneOf("en", "zh");

  // ---- Templates ----

  private static final JsonObject VARIABLE_DEFINITION =
      closed(
          optional(
              object(
                  "name", text(40),
                  "type", oneOf("text", "number", "enum", "list"),
                  "required", bool(),
                  "options", arrayOf(text(200)),
                  "maxLength", bounded(1, Variable.MAX_TEXT),
                  "minimum", number(),
                  "maximum", number(),
                  "description", text(500)),
              "required",
              "options",
              "maxLength",
              "minimum",
              "maximum",
              "description"));

  private static final JsonObject OUTPUT_DEFINITION =
      closed(
          optional(
              object(
                  "type", oneOf("text", "json"),
                  "maxChars", bounded(0, OutputShape.MAX_CHARS),
                  "schema", anyObject()),
              "type",
              "maxChars",
              "schema"));

  /** A template as a tenant writes it: name and prompt are required. */
  static final JsonObject TEMPLATE_DEFINITION =
      closed(
          optional(
              object(
                  "name", text(200),
                  "description", text(1000),
                  "language", LANGUAGE,
                  "category", text(40),
                  "channel", text(40),
                  "prompt", text(Template.MAX_PROMPT),
                  "variables", arrayOf(VARIABLE_DEFINITION).put("maxItems", 30),
                  "output", OUTPUT_DEFINITION),
              "description",
              "language",
              "category",
              "channel",
              "variables",
              "output"));

  private static final JsonObject VARIABLE =
      optional(
          object(
              "name", string(),
              "type", oneOf("text", "number", "enum", "list"),
              "required", bool(),
              "maxLength", integer(),
              "description", string(),
              "options", arrayOf(string()),
              "minimum", number(),
              "maximum", number()),
          "description",
          "options",
          "minimum",
          "maximum");

  private static final JsonObject OUTPUT =
      optional(
          object("type", oneOf("text", "json"), "schema", anyObject(), "maxChars", integer()),
          "schema",
          "maxChars");

  static final JsonObject TEMPLATE =
      optional(
          object(
              "id", string(),
              "builtIn", bool(),
              "name", string(),
              "description", string(),
              "language", LANGUAGE,
              "category", string(),
              "channel", string(),
              "prompt", string(),
              "variables", arrayOf(VARIABLE),
              "output", OUTPUT),
          "description",
          "channel");

  static final JsonObject TEMPLATES = dataOf(TEMPLATE);

  // ---- Brand voice ----

  private static final JsonObject LENGTH =
      optional(object("minWords", integer(), "maxWords", integer()), "minWords", "maxWords");

  private static final JsonObject LEVEL = oneOf("simple", "standard", "advanced");

  /** The brand voice as a tenant writes it: every field optional. */
  static final JsonObject VOICE_DEFINITION =
      closed(
          optional(
              object(
                  "styleNotes", text(1000),
                  "glossary",
                      arrayOf(
                              closed(
                                  optional(
                                      object(
                                          "preferred",
                                          text(100),
                                          "insteadOf",
                                          arrayOf(text(100)).put("maxItems", 10)),
                                      "insteadOf")))
                          .put("maxItems", 100),
                  "bannedWords", arrayOf(text(100)).put("maxItems", 500),
                  "allowedWords", arrayOf(text(100)).put("maxItems", 500),
                  "readingLevel", string(),
                  "length",
                      closed(
                          optional(
                              object("minWords", bounded(0, 5000), "maxWords", bounded(0, 5000)),
                              "minWords",
                              "maxWords"))),
              "styleNotes",
              "glossary",
              "bannedWords",
              "allowedWords",
              "readingLevel",
              "length"));

  static final JsonObject VOICE =
      object(
          "styleNotes", string(),
          "glossary", arrayOf(object("preferred", string(), "insteadOf", arrayOf(string()))),
          "bannedWords", arrayOf(string()),
          "allowedWords", arrayOf(string()),
          "readingLevel", LEVEL,
          "length", LENGTH);

  // ---- Generation ----

  static final JsonObject MODERATION =
      object(
          "status", oneOf("clean", "flagged"),
          "bannedTerms",
              arrayOf(
                  object(
                      "term", string(),
                      "start", integer(),
                      "end", integer(),
                      "fromTenantList", bool())));

  /** The options every generation takes: variants, streaming, seed, token limit. */
  private static final JsonObject SAMPLING =
      object(
          "n", bounded(1, Studio.MAX_VARIANTS),
          "stream", bool(),
          "seed", bounded(0, Integer.MAX_VALUE),
          "maxTokens", bounded(1, 2048),
          "language", LANGUAGE);

  /** A template with its variables, or a free brief. */
  static final JsonObject GENERATE =
      generation(
          "templateId", text(100),
          "variables", anyObject(),
          "brief", text(Studio.MAX_BRIEF),
          "title", text(200));

  /** A text and how to rewrite it: text is required. */
  static final JsonObject REWRITE =
      withRequired(
          generation(
              "text", text(Variable.MAX_TEXT),
              "mode", oneOf("rewrite", "shorten", "change_tone"),
              "tone", text(20),
              "maxWords", bounded(5, 2000),
              "goal", text(300)),
          "text");

  private static final JsonObject VARIANT =
      optional(
          object(
              "index", integer(),
              "text", string(),
              "model", string(),
              "finishReason", oneOf("stop", "length", "cancelled", "deadline"),
              "attempts", integer(),
              "truncated", bool(),
              "moderation", MODERATION,
              "usage", object("promptTokens", integer(), "completionTokens", integer()),
              "json", new JsonObject().put("description", "The parsed JSON output, or null"),
              "validJson", bool(),
              "draftId", string(),
              "title", string()),
          "json",
          "validJson");

  static final JsonObject GENERATED =
      object(
          "mode", oneOf("generated"),
          "templateId", nullable(string()),
          "language", LANGUAGE,
          "output", OUTPUT,
          "inputRedactions",
              arrayOf(
                  object(
                      "field", string(), "type", string(), "start", integer(), "end", integer())),
          "variants", arrayOf(VARIANT));

  /** Server-sent events: token, retry, result, then [DONE]. */
  static final JsonObject GENERATION_EVENTS = string();

  static final JsonObject REDACT =
      closed(withRequired(object("text", text(100_000), "types", arrayOf(string())), "text"));

  static final JsonObject REDACTED =
      object(
          "mode", oneOf("rules"),
          "text", string(),
          "entities",
              arrayOf(
                  object(
                      "type", string(),
                      "start", integer(),
                      "end", integer(),
                      "text", string(),
                      "placeholder", string())));

  // ---- Drafts ----

  private static final JsonObject STATE = oneOf("draft", "in_review", "approved", "rejected");

  private static final JsonObject VERSION =
      object(
          "version", integer(),
          "text", string(),
          "origin", string(),
          "moderation", MODERATION,
          "createdBy", string(),
          "createdAt", string());

  private static final JsonObject EVENT =
      object(
          "action", string(),
          "from", nullable(string()),
          "to", string(),
          "by", string(),
          "at", string(),
          "note", nullable(string()));

  static final JsonObject DRAFT =
      object(
          "id", string(),
          "title", string(),
          "language", LANGUAGE,
          "state", STATE,
          "createdAt", string(),
          "createdBy", string(),
          "updatedAt", string(),
          "origin", anyObject(),
          "versions", arrayOf(VERSION),
          "history", arrayOf(EVENT));

  static final JsonObject DRAFTS =
      dataOf(
          object(
              "id", string(),
              "title", string(),
              "language", LANGUAGE,
              "state", STATE,
              "versions", integer(),
              "moderation", MODERATION,
              "preview", string(),
              "origin", anyObject(),
              "updatedAt", string()));

  /** An edit: the new text and an optional note. */
  static final JsonObject EDIT =
      closed(withRequired(object("text", text(OutputShape.MAX_CHARS), "note", text(500)), "text"));

  /** A move through the approval flow, with an optional note. */
  static final JsonObject MOVE = closed(optional(object("note", text(500)), "note"));

  static final JsonObject DIFF =
      object(
          "draftId", string(),
          "from", integer(),
          "to", integer(),
          "changes", arrayOf(object("op", oneOf("equal", "delete", "insert"), "text", string())));

  /** The dashboard table: title, state, versions, moderation status, last update. */
  static final JsonObject PANEL =
      object(
          "columns", arrayOf(string()),
          "rows",
              arrayOf(
                  arrayOf(
                      new JsonObject().put("type", new JsonArray().add("string").add("integer")))));

  // ---- Batches ----

  static final JsonObject BATCH =
      optional(
          object(
              "id", string(),
              "templateId", string(),
              "rows", integer(),
              "columns", arrayOf(string()),
              "createdBy", string(),
              "createdAt", string(),
              "jobId", string(),
              "counts",
                  object(
                      "done", integer(),
                      "flagged", integer(),
                      "failed", integer(),
                      "pending", integer()),
              "state", string(),
              "progress", number(),
              "message", string(),
              "error", nullable(string())),
          "message",
          "error");

  static final JsonObject BATCHES = dataOf(BATCH);

  static final JsonObject BATCH_RESULTS =
      withMembers(
          BATCH,
          "results",
          arrayOf(
              optional(
                  object(
                      "row", integer(),
                      "line", integer(),
                      "variables", mapOf(string()),
                      "status", oneOf("done", "flagged", "failed"),
                      "code", string(),
                      "error", string(),
                      "draftId", string(),
                      "text", string(),
                      "moderation", MODERATION,
                      "attempts", integer()),
                  "code",
                  "error",
                  "draftId",
                  "text",
                  "moderation",
                  "attempts")));

  /** One row per result: the CSV's own columns, then result_row, line, status and the text. */
  static final JsonObject BATCH_RESULTS_CSV = string();

  static final JsonObject CANCELLED = object("cancelled", bool());

  private ContentSchemas() {}

  /** A generation request: these fields and the {@link #SAMPLING} options, all optional. */
  private static JsonObject generation(Object... namesAndSchemas) {
    JsonObject all = object(namesAndSchemas);
    all.getJsonObject("properties").mergeIn(SAMPLING.getJsonObject("properties"));
    return closed(all.put("required", new JsonArray()));
  }

  private static JsonObject withRequired(JsonObject schema, String... names) {
    return schema.copy().put("required", new JsonArray(java.util.List.of((Object[]) names)));
  }

  private static JsonObject closed(JsonObject schema) {
    return schema.put("additionalProperties", false);
  }

  private static JsonObject text(int maxLength) {
    return string().put("maxLength", maxLength);
  }

  private static JsonObject bounded(int min, int max) {
    return integer().put("minimum", min).put("maximum", max);
  }
}
