package dev.atrium.contract;

import static dev.atrium.contract.ValidatingClient.call;

import dev.atrium.contract.ValidatingClient.Call;
import dev.atrium.contract.ValidatingClient.Exchange;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Calls of the fraud routes whose contract the plugin declares: scoring, rules, settings, jobs. */
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
    JsonObject rule =
        new JsonObject()
            .put("name", "大额")
            .put("expression", "txn.amount > 10000.0")
            .put("action", "review");
    expect(
        200,
        call("POST", BASE + "/rules/backtest")
            .json(new JsonObject().put("expression", "txn.amount > 10000.0")));
    String id = expect(201, call("POST", BASE + "/rules").json(rule)).json().getString("id");
    expect(200, call("GET", BASE + "/rules"));
    expect(200, call("POST", BASE + "/rules/" + id + "/enable"));
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
    Polling.until(
        () -> expect(200, call("GET", BASE + "/jobs/" + job)).json().getString("state"),
        "succeeded");
    expect(404, call("GET", BASE + "/jobs/" + job + "-unknown"));
  }

  private static JsonObject payment(String id, double amount) {
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
