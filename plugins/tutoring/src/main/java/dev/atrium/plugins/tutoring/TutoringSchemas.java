package dev.atrium.plugins.tutoring;

import static dev.atrium.plugin.api.JsonSchema.arrayOf;
import static dev.atrium.plugin.api.JsonSchema.dataOf;
import static dev.atrium.plugin.api.JsonSchema.nullable;
import static dev.atrium.plugin.api.JsonSchema.object;
import static dev.atrium.plugin.api.JsonSchema.optional;
import static dev.atrium.plugin.api.JsonSchema.string;

import io.vertx.core.json.JsonObject;

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

  static final JsonObject LEARNER_REQUEST = closed(object("courses", NAMES));

  static final JsonObject LEARNER = object("id", string(), "courses", NAMES);

  static final JsonObject CLASS_REQUEST =
      closed(
          object(
              "name", string(),
              "teacher", string(),
              "courseId", string(),
              "learners", NAMES));

  static final JsonObject CLASS =
      object(
          "id", string(),
          "name", string(),
          "teacher", string(),
          "courseId", string(),
          "learners", NAMES);

  static final JsonObject CLASSES = dataOf(CLASS);

  private TutoringSchemas() {}

  private static JsonObject closed(JsonObject schema) {
    return schema.put("additionalProperties", false);
  }
}
