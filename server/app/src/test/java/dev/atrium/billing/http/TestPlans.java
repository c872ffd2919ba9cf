package dev.atrium.billing.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;

/** Plans for tests, as {@code POST /api/admin/plans} takes them. */
public final class TestPlans {
  private TestPlans() {}

  /**
   * A plan with no fee, generous rate limits, every plugin, and each meter of {@code unitPrices}
   * priced from its first unit (nothing included, no limits).
   */
  public static JsonObject priced(String id, Map<String, String> unitPrices) {
    JsonObject meters = new JsonObject();
    unitPrices.forEach(
        (meter, price) ->
            meters.put(
                meter,
                new JsonObject()
                    .put("included", 0)
                    .put(
                        "tiers",
                        new JsonArray()
                            .add(new JsonObject().put("firstUnit", 0).put("unitPrice", price)))));
    return new JsonObject()
        .put("id", id)
        .put("name", id)
        .put("monthlyFee", "0.00")
        .put(
            "rateLimits",
            new JsonObject()
                .put("keyRequestsPerMinute", 1000)
                .put("tenantRequestsPerMinute", 1000)
                .put("keyTokensPerMinute", 1_000_000)
                .put("tenantTokensPerMinute", 1_000_000))
        .put("maxConcurrency", 8)
        .put("poolWeight", 2)
        .put("allowedPlugins", new JsonArray().add("*"))
        .put("meters", meters);
  }

  /** Moves the tenant to {@code plan} as the operator, and asserts it was done. */
  public static void subscribe(ApiClient api, String operator, String tenantId, String plan) {
    HttpResponse<Buffer> r =
        api.send(
            HttpMethod.PUT,
            "/api/admin/tenants/" + tenantId + "/subscription",
            operator,
            "application/json",
            new JsonObject().put("plan", plan).toBuffer());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }
}
