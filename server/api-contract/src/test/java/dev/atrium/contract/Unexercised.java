package dev.atrium.contract;

import java.util.Map;

/**
 * Documented operations the contract test does not call with a request that succeeds, each with the
 * reason. Keep it short: an operation listed here is one whose answers nobody checked.
 */
final class Unexercised {
  private static final String NOT_DECLARED =
      " does not declare this route's request and response bodies in its RouteDoc yet (issue 13):"
          + " only its refusal of anonymous callers is checked";
  private static final String FRAUD = "The fraud plugin" + NOT_DECLARED;
  private static final String TUTORING = "The tutoring plugin" + NOT_DECLARED;

  /** Operation ("METHOD /path") to why no successful call is made. */
  static final Map<String, String> SUCCESS =
      Map.ofEntries(
          Map.entry(
              "POST /api/budget/alerts/{id}/dismiss",
              "An alert needs the month's spending to cross a threshold first;"
                  + " BudgetWebhookSafetyApiTest dismisses one"),
          Map.entry("GET /v1/fraud/alerts", FRAUD),
          Map.entry("GET /v1/fraud/alerts/{id}", FRAUD),
          Map.entry("GET /v1/fraud/models", FRAUD),
          Map.entry("GET /v1/fraud/reports/daily", FRAUD),
          Map.entry("GET /v1/fraud/stream", FRAUD),
          Map.entry("POST /v1/fraud/alerts/{id}/assign", FRAUD),
          Map.entry("POST /v1/fraud/alerts/{id}/notes", FRAUD),
          Map.entry("POST /v1/fraud/alerts/{id}/resolve", FRAUD),
          Map.entry("POST /v1/fraud/backtest", FRAUD),
          Map.entry("POST /v1/fraud/models/rollback", FRAUD),
          Map.entry("POST /v1/fraud/models/train", FRAUD),
          Map.entry("POST /v1/fraud/models/{version}/promote", FRAUD),
          Map.entry("POST /v1/fraud/uploads", FRAUD),
          Map.entry("GET /v1/tutoring/classes/{classId}/report", TUTORING),
          Map.entry("GET /v1/tutoring/courses/{courseId}/items", TUTORING),
          Map.entry("GET /v1/tutoring/courses/{courseId}/reviews", TUTORING),
          Map.entry("GET /v1/tutoring/jobs/{id}", TUTORING),
          Map.entry("GET /v1/tutoring/learners/{learnerId}/path", TUTORING),
          Map.entry("POST /v1/tutoring/courses/{courseId}/calibrate", TUTORING),
          Map.entry("POST /v1/tutoring/courses/{courseId}/items", TUTORING),
          Map.entry("POST /v1/tutoring/courses/{courseId}/materials", TUTORING),
          Map.entry("POST /v1/tutoring/help", TUTORING),
          Map.entry("POST /v1/tutoring/next", TUTORING),
          Map.entry("POST /v1/tutoring/responses", TUTORING));

  /** Operation to why no call of it answers 4xx. */
  static final Map<String, String> ERROR =
      Map.of(
          "GET /health/live", "Public and takes no input: nothing a caller sends can fail it",
          "GET /health/ready", "Public and takes no input; its 503 needs the database down",
          "GET /openapi.json", "Public and takes no input: nothing a caller sends can fail it");

  private Unexercised() {}
}
