package dev.atrium.contract;

import java.util.Map;

/**
 * Documented operations the contract test does not call with a request that succeeds, each with the
 * reason. Keep it short: an operation listed here is one whose answers nobody checked.
 */
final class Unexercised {
  /** Operation ("METHOD /path") to why no successful call is made. */
  static final Map<String, String> SUCCESS =
      Map.ofEntries(
          Map.entry(
              "POST /api/budget/alerts/{id}/dismiss",
              "An alert needs the month's spending to cross a threshold first;"
                  + " BudgetWebhookSafetyApiTest dismisses one"));

  /** Operation to why no call of it answers 4xx. */
  static final Map<String, String> ERROR =
      Map.of(
          "GET /health/live", "Public and takes no input: nothing a caller sends can fail it",
          "GET /health/ready", "Public and takes no input; its 503 needs the database down",
          "GET /openapi.json", "Public and takes no input: nothing a caller sends can fail it");

  private Unexercised() {}
}
