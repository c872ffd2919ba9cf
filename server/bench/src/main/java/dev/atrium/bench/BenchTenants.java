package dev.atrium.bench;

import dev.atrium.bench.LoadGenerator.Call;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Tenants for benchmarks: on a custom plan without rate or concurrency limits (set up through the
 * operator API, as an operator would for a large customer), so a bench measures the platform rather
 * than the Free plan's 60 requests a minute.
 */
final class BenchTenants {
  static final String OPERATOR = "bench-operator@example.com";
  static final String OPERATOR_PASSWORD = "bench operator password";
  private static final String PLAN = "bench";

  private BenchTenants() {}

  /** A tenant signed up for a benchmark: its id, its owner's dashboard token, an API key. */
  record BenchTenant(String id, String ownerToken, String keyId, String key) {}

  /** Signs up tenant {@code name} on the unlimited plan and answers an API key of it. */
  static String unlimitedKey(LoadGenerator load, String name) {
    return unlimited(load, name).key();
  }

  /** Signs up tenant {@code name} on the unlimited plan, with an API key. */
  static BenchTenant unlimited(LoadGenerator load, String name) {
    JsonObject signup =
        load.fetchJson(
            Call.post(
                "/api/auth/signup",
                null,
                new JsonObject()
                    .put("tenant", "Bench " + name)
                    .put("email", "bench-" + name + "@example.com")
                    .put("password", "bench password")
                    .encode()));
    String operator = operatorToken(load);
    // Answers 409 when an earlier tenant of this run created it already: fine.
    load.fetchJson(
        Call.post(
            "/api/admin/plans",
            operator,
            unlimited(load.fetchJson(Call.get("/api/plans", operator))).encode()));
    load.fetchJson(
        new Call(
            HttpMethod.PUT,
            "/api/admin/tenants/"
                + signup.getJsonObject("tenant").getString("id")
                + "/subscription",
            operator,
            new JsonObject().put("plan", PLAN).encode()));
    JsonObject key =
        load.fetchJson(
            Call.post(
                "/api/keys",
                signup.getString("token"),
                new JsonObject().put("name", "bench").encode()));
    return new BenchTenant(
        signup.getJsonObject("tenant").getString("id"),
        signup.getString("token"),
        key.getString("id"),
        key.getString("key"));
  }

  /** Logs the bench's operator in and answers its session token. */
  static String operatorToken(LoadGenerator load) {
    return load.fetchJson(
            Call.post(
                "/api/auth/login",
                null,
                new JsonObject()
                    .put("email", OPERATOR)
                    .put("password", OPERATOR_PASSWORD)
                    .encode()))
        .getString("token");
  }

  /** The Enterprise plan's terms with rate and concurrency limits out of the way. */
  private static JsonObject unlimited(JsonObject plans) {
    JsonObject enterprise =
        plans.getJsonArray("data").stream()
            .map(JsonObject.class::cast)
            .filter(p -> p.getString("id").equals("enterprise"))
            .findFirst()
            .orElseThrow();
    JsonObject plan = new JsonObject();
    for (String field : List.of("monthlyFee", "allowedPlugins", "poolWeight", "meters")) {
      plan.put(field, enterprise.getValue(field));
    }
    long unlimited = 10_000_000_000L;
    return plan.put("id", PLAN)
        .put("name", "Benchmark")
        .put("maxConcurrency", 100_000)
        .put(
            "rateLimits",
            new JsonObject()
                .put("keyRequestsPerMinute", unlimited)
                .put("tenantRequestsPerMinute", unlimited)
                .put("keyTokensPerMinute", unlimited)
                .put("tenantTokensPerMinute", unlimited));
  }
}
