package dev.atrium.plugins.tutoring;

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
import java.util.List;

/**
 * The JSON Schemas of the plugin's requests and answers, for its routes' entries in /openapi.json.
 */
final class TutoringSchemas {
  private static final JsonObject NAMES = arrayOf(string());

  /** A course as a tenant writes it: skills with prerequisites that form a DAG. */
  static final JsonObject COURSE_REQUEST =
      closed(
          object(
              "title",
              string(),
              "skills",
              arrayOf(
                  closed(
                      optional(
                          object(
                              "id", string().put("pattern", "^" + Course.SKILL_ID + "$"),
                              "name", string(),
                              "nameZh", string(),
                              "prerequisites", NAMES),
                          "nameZh",
                          "prerequisites")))));

  static final JsonObject COURSE =
      object(
          "id",
          string(),
          "title",
          string(),
          "skills",
          arrayOf(
              object(
                  "id", string(),
                  "name", string(),
                  "nameZh", nullable(string()),
                  "prerequisites", NAMES)));

  static final JsonObject COURSES = dataOf(COURSE);

  /** The courses a learner is enrolled in: none without them (a class enrols its learners). */
  static final JsonObject LEARNER_REQUEST = closed(optional(object("courses", NAMES), "courses"));

  static final JsonObject LEARNER = object("id", string(), "courses", NAMES);

  /** A class; without learners it has none yet (learners are added by replacing it). */
  static final JsonObject CLASS_REQUEST =
      closed(
          optional(
              object(
                  "name", string(),
                  "teacher", string(),
                  "courseId", string(),
                  "learners", NAMES),
              "learners"));

  static final JsonObject CLASS =
      object(
          "id", string(),
          "name", string(),
          "teacher", string(),
          "courseId", string(),
          "learners", NAMES);

  static final JsonObject CLASSES = dataOf(CLASS);

  private static final JsonObject ITEM_TYPE = oneOf("choice", "numeric", "text");

  /** A number, or a string holding one (as a CSV cell would). */
  private static final JsonObject NUMERIC =
      new JsonObject().put("type", new JsonArray().add("number").add("string"));

  private static final JsonObject RUBRIC_POINT =
      object("point", string(), "keywords", arrayOf(string()));

  /** One item of an import; only id, type, skills and prompt are required. */
  static final JsonObject IMPORTED_ITEM =
      closed(
          requiredOnly(
              object(
                  "id", string(),
                  "type", ITEM_TYPE,
                  "skills", NAMES,
                  "prompt", string(),
                  "options", NAMES,
                  "answer", NUMERIC,
                  "tolerance", NUMERIC,
                  "references", NAMES,
                  "rubric", arrayOf(RUBRIC_POINT),
                  "explanation", string(),
                  "a", NUMERIC,
                  "b", NUMERIC,
                  "c", NUMERIC),
              "id",
              "type",
              "skills",
              "prompt"));

  /** An item bank import: {@code {"items": [...]}}. */
  static final JsonObject ITEMS_REQUEST = closed(object("items", arrayOf(IMPORTED_ITEM)));

  static final JsonObject IMPORTED =
      object("courseId", string(), "imported", integer(), "ids", NAMES);

  /** An item as a learner sees it: no answer, no references. */
  static final JsonObject ITEM_VIEW =
      optional(
          object(
              "id", string(),
              "type", ITEM_TYPE,
              "skills", NAMES,
              "prompt", string(),
              "options", NAMES),
          "options");

  /** An item of the bank with its answer and IRT parameters. */
  static final JsonObject ITEM =
      optional(
          withMembers(
              ITEM_VIEW,
              "answer",
              nullable(number()),
              "tolerance",
              nullable(number()),
              "references",
              nullable(NAMES),
              "rubric",
              nullable(arrayOf(RUBRIC_POINT)),
              "explanation",
              nullable(string()),
              "a",
              number(),
              "b",
              number(),
              "c",
              number(),
              "calibrated",
              bool()),
          "options");

  static final JsonObject ITEMS = dataOf(ITEM);

  static final JsonObject MATERIAL =
      object(
          "documentId", string(),
          "courseId", string(),
          "skills", NAMES,
          "status", string(),
          "jobId", nullable(string()));

  static final JsonObject JOB =
      object(
          "id", string(),
          "name", string(),
          "state", oneOf("running", "succeeded", "failed", "cancelled"),
          "progress", number(),
          "message", string(),
          "error", nullable(string()));

  static final JsonObject NEXT_REQUEST =
      closed(
          optional(
              object(
                  "learnerId", string(),
                  "courseId", string(),
                  "skill", string(),
                  "policy", oneOf("adaptive", "random")),
              "skill",
              "policy"));

  /** The next item with the learner's estimate on its skill, or none and why. */
  static final JsonObject NEXT =
      optional(
          object(
              "learnerId", string(),
              "courseId", string(),
              "policy", oneOf("adaptive", "random"),
              "answered", integer(),
              "item", nullable(ITEM_VIEW),
              "reason", string(),
              "skill", string(),
              "ability", number(),
              "standardError", number(),
              "information", number(),
              "mastery", number()),
          "reason",
          "skill",
          "ability",
          "standardError",
          "information",
          "mastery");

  static final JsonObject ANSWER_REQUEST =
      closed(
          object(
              "learnerId", string(),
              "courseId", string(),
              "itemId", string(),
              "answer", new JsonObject()));

  private static final JsonObject ESTIMATE =
      object("ability", number(), "standardError", number(), "mastery", number());

  /** A graded answer and the learner's estimates on the item's skills after it. */
  static final JsonObject GRADED =
      optional(
          object(
              "itemId", string(),
              "right", bool(),
              "score", number(),
              "predicted", number(),
              "evidence", nullable(anyObject()),
              "explanation", nullable(string()),
              "skills", mapOf(withMembers(ESTIMATE, "mastered", bool())),
              "moderation", anyObject(),
              "flaggedForReview", bool()),
          "moderation",
          "flaggedForReview");

  static final JsonObject PATH =
      object(
          "learnerId", string(),
          "courseId", string(),
          "target", nullable(string()),
          "steps",
              arrayOf(
                  withMembers(
                      ESTIMATE,
                      "skill",
                      string(),
                      "ready",
                      bool(),
                      "estimatedItems",
                      integer(),
                      "itemsLeft",
                      integer())),
          "estimatedItems", integer());

  static final JsonObject HELP_REQUEST =
      closed(
          optional(
              object("courseId", string(), "question", string(), "itemId", string()),
              "question",
              "itemId"));

  /** An answer or hint from the course material, with its citations. */
  static final JsonObject HELP =
      optional(
          object(
              "courseId", string(),
              "kind", oneOf("answer", "hint"),
              "citations",
                  arrayOf(
                      object(
                          "documentId", string(),
                          "title", nullable(string()),
                          "chunkId", string(),
                          "headings", NAMES,
                          "text", string(),
                          "score", number())),
              "mode", oneOf("no_material", "passage", "passage_fallback", "generated"),
              "answer", nullable(string()),
              "fallbackReason", nullable(string()),
              "generation", anyObject()),
          "fallbackReason",
          "generation");

  private static final JsonObject MASTERY =
      withMembers(
          ESTIMATE,
          "learnerId",
          string(),
          "skill",
          string(),
          "mastered",
          bool(),
          "attempts",
          integer());

  static final JsonObject REPORT =
      object(
          "classId", string(),
          "courseId", string(),
          "skills", NAMES,
          "mastery", arrayOf(MASTERY),
          "stuck", arrayOf(MASTERY),
          "items",
              arrayOf(
                  object(
                      "itemId", string(),
                      "skills", string(),
                      "answers", integer(),
                      "successRate", nullable(number()),
                      "discrimination", nullable(number()),
                      "a", number(),
                      "b", number(),
                      "c", number(),
                      "problems", string())));

  static final JsonObject REVIEWS =
      dataOf(
          object(
              "courseId", string(),
              "learnerId", string(),
              "itemId", string(),
              "answer", string(),
              "score", number(),
              "reason", oneOf("moderation", "ambiguous"),
              "evidence", nullable(anyObject()),
              "at", string()));

  private TutoringSchemas() {}

  private static JsonObject closed(JsonObject schema) {
    return schema.put("additionalProperties", false);
  }

  /** {@code schema} with only {@code names} required. */
  private static JsonObject requiredOnly(JsonObject schema, String... names) {
    return schema.copy().put("required", new JsonArray(List.of(names)));
  }
}
