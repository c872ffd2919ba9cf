package dev.atrium.plugins.customerservice;

import static dev.atrium.plugin.api.JsonSchema.arrayOf;
import static dev.atrium.plugin.api.JsonSchema.bool;
import static dev.atrium.plugin.api.JsonSchema.dataOf;
import static dev.atrium.plugin.api.JsonSchema.dateTime;
import static dev.atrium.plugin.api.JsonSchema.integer;
import static dev.atrium.plugin.api.JsonSchema.nullable;
import static dev.atrium.plugin.api.JsonSchema.number;
import static dev.atrium.plugin.api.JsonSchema.object;
import static dev.atrium.plugin.api.JsonSchema.oneOf;
import static dev.atrium.plugin.api.JsonSchema.optional;
import static dev.atrium.plugin.api.JsonSchema.string;
import static dev.atrium.plugin.api.JsonSchema.withMembers;

import io.vertx.core.json.JsonObject;

/** The JSON Schemas of the plugin's answers, for its routes' entries in /openapi.json. */
final class CsSchemas {
  static final JsonObject JOB =
      object(
          "id", string(),
          "name", string(),
          "state", oneOf("running", "succeeded", "failed", "cancelled"),
          "progress", number(),
          "message", string(),
          "submittedAt", dateTime(),
          "finishedAt", nullable(dateTime()),
          "error", nullable(string()));

  static final JsonObject DOCUMENT =
      optional(
          object(
              "id", string(),
              "title", string(),
              "fileName", string(),
              "format", string(),
              "status", oneOf("ingesting", "ready", "failed"),
              "chunks", integer(),
              "characters", integer(),
              "embeddingTokens", integer(),
              "error", nullable(string()),
              "updatedAt", dateTime(),
              "jobId", nullable(string()),
              "job", JOB),
          "job");

  static final JsonObject DOCUMENTS = dataOf(optional(DOCUMENT, "job"));

  static final JsonObject PASSAGE =
      optional(
          object(
              "documentId", string(),
              "title", nullable(string()),
              "chunkId", string(),
              "text", string(),
              "question", nullable(string()),
              "score", number(),
              "support", number()),
          "support");

  static final JsonObject SEARCH =
      object(
          "query", string(),
          "data", arrayOf(PASSAGE),
          "confidence", number(),
          "confidenceThreshold", number(),
          "handoff", bool());

  /** An answer as stored in a conversation's turn (without the conversation's id). */
  private static final JsonObject ANSWER_BODY =
      optional(
          object(
              "confidence", number(),
              "citations", arrayOf(PASSAGE),
              "intent", nullable(string()),
              "answer", string(),
              "mode", oneOf("extractive", "extractive_fallback", "faq", "generative", "handoff"),
              "handoff", bool(),
              "handoffReason", string(),
              "fallbackReason", string(),
              "generation",
                  object(
                      "model", string(),
                      "finishReason", string(),
                      "promptTokens", integer(),
                      "completionTokens", integer(),
                      "support", number(),
                      "supportThreshold", number())),
          "handoffReason",
          "fallbackReason",
          "generation");

  static final JsonObject ANSWER =
      withMembers(ANSWER_BODY, "conversationId", string(), "turn", integer());

  /** With "stream": true: server-sent events (retrieval, token, result) ending with [DONE]. */
  static final JsonObject ANSWER_EVENTS = string();

  private static final JsonObject FEEDBACK_COUNTS =
      object("helpful", integer(), "notHelpful", integer());

  static final JsonObject CONVERSATIONS =
      dataOf(
          object(
              "id", string(),
              "updatedAt", dateTime(),
              "turns", integer(),
              "handoff", bool(),
              "firstQuestion", nullable(string()),
              "lastAnswer", nullable(string()),
              "intents", arrayOf(string()),
              "needsHuman", integer(),
              "feedback", FEEDBACK_COUNTS));

  static final JsonObject CONVERSATION =
      object(
          "id",
          string(),
          "updatedAt",
          dateTime(),
          "turns",
          arrayOf(
              optional(
                  withMembers(
                      ANSWER_BODY,
                      "question",
                      string(),
                      "at",
                      dateTime(),
                      "feedback",
                      object(
                          "helpful", bool(),
                          "comment", nullable(string()),
                          "at", dateTime())),
                  "feedback")));

  static final JsonObject SUMMARY =
      object(
          "conversationId", string(),
          "turns", integer(),
          "questions", arrayOf(string()),
          "intents", arrayOf(string()),
          "handoff", bool(),
          "needsHuman", arrayOf(string()),
          "lastAnswer", nullable(string()));

  static final JsonObject FEEDBACK =
      dataOf(
          object(
              "conversationId", string(),
              "turn", integer(),
              "question", string(),
              "answer", string(),
              "mode", string(),
              "helpful", bool(),
              "comment", nullable(string()),
              "at", dateTime()));

  private static final JsonObject INTENT =
      object(
          "name", string(),
          "description", nullable(string()),
          "handoff", bool(),
          "examples", arrayOf(string()));

  static final JsonObject INTENTS = object("intents", arrayOf(INTENT));

  static final JsonObject TRAINING = object("intents", arrayOf(INTENT), "job", JOB);

  private CsSchemas() {}
}
