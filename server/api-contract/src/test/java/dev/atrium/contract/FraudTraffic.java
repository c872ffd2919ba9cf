package dev.atrium.contract;

import static dev.atrium.contract.ValidatingClient.call;

import dev.atrium.contract.ValidatingClient.Call;
import dev.atrium.contract.ValidatingClient.Exchange;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;

/**
 * Calls of every fraud route: scoring, the stream, rules, alerts and cases, uploads, backtests,
 * reports and model versions.
 */
final class FraudTraffic {
  private static final String BASE = "/v1/fraud";

  private final ValidatingClient api;
  private final String key;

  FraudTraffic(ValidatingClient api, String key) {
    this.api = api;
    this.key = key;
  }

  void run() {
    expect(200, call("POST", BASE + "/score").json(payment("p1", 88.5)));
    expect(400, call("POST", BASE + "/score").json(payment("p2", 5).put("currency", "ABC")));
    expect(
        200,
        call("POST", BASE + "/score/batch")
            .json(
                new JsonObject()
                    .put(
                        "transactions",
                        new JsonArray().add(payment("p3", 12)).add(payment("p4", 15000)))));
    expect(200, call("GET", BASE + "/settings"));
    expect(200, call("GET", BASE + "/stream"));
    expect(200, call("GET", BASE + "/stream").query("after", "1"));
    expect(400, call("GET", BASE + "/stream").query("after", "soon").invalid());
    expect(
        200,
        call("POST", BASE + "/rules/backtest")
            .json(new JsonObject().put("expression", "txn.amount > 10000.0")));
    String id = createdRule(reviewRule("大额"));
    expect(200, call("GET", BASE + "/rules"));
    enable(id);
    scored(payment("p5", 20000));
    cases();
    expect(200, call("POST", BASE + "/rules/" + id + "/disable"));
    expect(204, call("DELETE", BASE + "/rules/" + id));
    expect(404, call("DELETE", BASE + "/rules/" + id));
    String job =
        expect(
                202,
                call("POST", BASE + "/demo")
                    .json(new JsonObject().put("days", 1).put("accounts", 10).put("seed", 7)))
            .json()
            .getString("id");
    succeeded(job);
    expect(404, call("GET", BASE + "/jobs/" + job + "-unknown"));
    upload();
    expect(
        200,
        call("POST", BASE + "/backtest")
            .json(new JsonObject().put("days", 30).put("budgetPercent", 5)));
    expect(400, call("POST", BASE + "/backtest").json(new JsonObject().put("budgetPercent", 0)));
    expect(200, call("GET", BASE + "/reports/daily"));
    expect(
        200,
        call("GET", BASE + "/reports/daily")
            .query("date", LocalDate.now(ZoneOffset.UTC).toString()));
    expect(400, call("GET", BASE + "/reports/daily").query("date", "31/01/2026").invalid());
    models();
  }

  /** The alert a review decision opens, worked as a case from assignment to its outcome. */
  private void cases() {
    expect(200, call("GET", BASE + "/alerts"));
    expect(200, call("GET", BASE + "/alerts").query("status", "open"));
    expect(400, call("GET", BASE + "/alerts").query("status", "lost"));
    expect(200, call("GET", BASE + "/alerts/p5"));
    expect(404, call("GET", BASE + "/alerts/nothing"));
    expect(
        200,
        call("POST", BASE + "/alerts/p5/assign").json(new JsonObject().put("assignee", "分析员-1")));
    expect(
        400, call("POST", BASE + "/alerts/p5/assign").json(new JsonObject().put("assignee", " ")));
    noted("p5", "Card holder confirmed: not theirs");
    expect(
        200,
        call("POST", BASE + "/alerts/p5/resolve").json(new JsonObject().put("outcome", "fraud")));
    expect(
        409,
        call("POST", BASE + "/alerts/p5/resolve")
            .json(new JsonObject().put("outcome", "legitimate")));
    expect(
        404,
        call("POST", BASE + "/alerts/nothing/notes").json(new JsonObject().put("text", "none")));
  }

  /** Labelled history uploaded, and a CSV without the columns it needs refused. */
  private void upload() {
    labelled();
    expect(
        400,
        call("POST", BASE + "/uploads")
            .body("text/csv", "amount\n12\n".getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Uploads labelled history as CSV, six frauds and six legitimate payments (enough to train on),
   * and waits until it is scored; answers the upload's job id.
   */
  String labelled() {
    StringBuilder csv = new StringBuilder("id,amount,currency,timestamp,account,label\n");
    Instant start = Instant.now().minus(Duration.ofHours(12));
    for (int i = 0; i < 12; i++) {
      boolean fraud = i % 2 == 0;
      csv.append("u")
          .append(i)
          .append(',')
          .append(fraud ? 9000 + i : 20 + i)
          .append(",CNY,")
          .append(start.plus(Duration.ofMinutes(i)))
          .append(",acct-")
          .append(i % 3)
          .append(',')
          .append(fraud ? 1 : 0)
          .append('\n');
    }
    String job =
        expect(
                202,
                call("POST", BASE + "/uploads")
                    .body("text/csv", csv.toString().getBytes(StandardCharsets.UTF_8)))
            .json()
            .getJsonObject("job")
            .getString("id");
    succeeded(job);
    return job;
  }

  /** A model trained from the labels, promoted and rolled back. */
  private void models() {
    expect(409, call("POST", BASE + "/models/rollback"));
    expect(400, call("POST", BASE + "/models/train").json(new JsonObject().put("maxDepth", 99)));
    trained();
    expect(200, call("GET", BASE + "/models"));
    expect(404, call("POST", BASE + "/models/v99/promote"));
    expect(200, call("POST", BASE + "/models/v1/promote"));
    expect(200, call("POST", BASE + "/models/rollback"));
  }

  /** Trains a model on the labelled history of the last 30 days; answers the training job's id. */
  String trained() {
    String job =
        expect(202, call("POST", BASE + "/models/train").json(new JsonObject().put("days", 30)))
            .json()
            .getString("id");
    succeeded(job);
    return job;
  }

  /** The version of the newest model trained ({@code v2}). */
  String newestModel() {
    return expect(200, call("GET", BASE + "/models")).json().getJsonArray("data").stream()
        .map(JsonObject.class::cast)
        .max(Comparator.comparingInt(m -> m.getInteger("number")))
        .orElseThrow()
        .getString("version");
  }

  /** Saves {@code rule} (disabled); answers its id. */
  String createdRule(JsonObject rule) {
    return expect(201, call("POST", BASE + "/rules").json(rule)).json().getString("id");
  }

  void enable(String ruleId) {
    expect(200, call("POST", BASE + "/rules/" + ruleId + "/enable"));
  }

  /** Scores {@code payment}; answers the score. */
  JsonObject scored(JsonObject payment) {
    return expect(200, call("POST", BASE + "/score").json(payment)).json();
  }

  /** Adds a note to the case of alert {@code alertId}. */
  void noted(String alertId, String text) {
    expect(
        200,
        call("POST", BASE + "/alerts/" + alertId + "/notes")
            .json(new JsonObject().put("text", text)));
  }

  private void succeeded(String job) {
    Polling.until(
        () -> expect(200, call("GET", BASE + "/jobs/" + job)).json().getString("state"),
        "succeeded");
  }

  /** A rule named {@code name} that sends payments over 10,000 to review (an alert). */
  static JsonObject reviewRule(String name) {
    return new JsonObject()
        .put("name", name)
        .put("expression", "txn.amount > 10000.0")
        .put("action", "review");
  }

  static JsonObject payment(String id, double amount) {
    return new JsonObject()
        .put("id", id)
        .put("amount", amount)
        .put("currency", "CNY")
        .put("timestamp", Instant.now().minusSeconds(5).toString())
        .put("account", "acct-1")
        .put("merchant", "商户-1")
        .put("channel", "mobile")
        .put("device", "phone-1")
        .put("ip", "203.0.113.7")
        .put("country", "CN");
  }

  private Exchange expect(int status, Call call) {
    return api.expect(status, call.as(key));
  }
}
