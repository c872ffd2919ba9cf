package dev.atrium.billing.http;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.OpenApiOperations;
import dev.atrium.app.TestServer;
import dev.atrium.host.TestPlugins;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nothing is billed for a request Atrium answers with 4xx or 5xx, on every metered route of {@code
 * /openapi.json} (platform and plugin): a tenant that only ever gets errors (bad bodies, bad
 * Idempotency-Keys, unknown models, a plugin that throws, times out, lacks the route or the method,
 * or is disabled) has no usage at all, on any meter.
 */
@ExtendWith(VertxExtension.class)
final class BillingOnErrorsApiTest {
  private static TestServer server;
  private static ApiClient api;
  private static WebClient client;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(TestPlugins.probeInstalledAtStart());
    api = new ApiClient(vertx, server.port());
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aTenantAnsweredOnlyWithErrorsIsBilledNothingOnAnyMeter() {
    String owner = api.signup("Errors Co", "owner@errors.test");
    String key = api.createKey(owner, new JsonObject().put("name", "k")).getString("key");
    choose(owner, true);
    List<OpenApiOperations.Operation> metered =
        OpenApiOperations.of(api).stream()
            .filter(o -> o.kind().equals("api_key") && o.metered())
            .toList();
    Map<String, List<Integer>> errors = new TreeMap<>();
    for (OpenApiOperations.Operation operation : metered) {
      String path = operation.with("n1");
      List<Integer> statuses = new ArrayList<>();
      statuses.add(
          send(operation.method(), path, key, "not visible ascii \u00e9", null).statusCode());
      if (operation.method() != HttpMethod.GET && operation.method() != HttpMethod.DELETE) {
        statuses.add(
            send(operation.method(), path, key, null, Buffer.buffer("{\"v\":")).statusCode());
      }
      errors.put(operation.toString(), statuses);
    }
    assertThat(metered.stream().map(Object::toString))
        .contains(
            "POST /v1/embeddings", "GET /v1/me", "GET /v1/probe/hello", "PUT /v1/probe/notes/{id}");
    errors.forEach((operation, statuses) -> assertThat(statuses).as(operation).containsOnly(400));

    assertProblem(
        embed(key, new JsonObject().put("input", "hi").put("model", "gpt-9")),
        404,
        "model_not_found");
    assertProblem(embed(key, new JsonObject().put("input", "hi")), 404, "model_not_found");
    assertProblem(embed(key, new JsonObject().put("input", 7)), 400, "invalid_field");
    assertProblem(send(HttpMethod.GET, "/v1/probe/throw", key, null, null), 500, "plugin_failed");
    assertProblem(send(HttpMethod.GET, "/v1/probe/block", key, null, null), 504, "plugin_timeout");
    assertProblem(
        send(HttpMethod.GET, "/v1/probe/notes/absent", key, null, null), 404, "not_found");
    assertProblem(
        send(HttpMethod.GET, "/v1/probe/nothing-here", key, null, null), 404, "route_not_found");
    assertProblem(
        send(HttpMethod.DELETE, "/v1/probe/hello", key, null, null), 405, "method_not_allowed");
    assertProblem(
        send(HttpMethod.GET, "/v1/no-such-plugin/x", key, null, null), 404, "plugin_not_found");
    choose(owner, false);
    for (OpenApiOperations.Operation operation : metered) {
      if (operation.path().startsWith("/v1/" + TestPlugins.PROBE + "/")) {
        assertProblem(
            send(operation.method(), operation.with("n1"), key, null, Buffer.buffer("{}")),
            403,
            "plugin_disabled");
      }
    }
    assertThat(usage(owner)).as("no usage on any meter").isEmpty();

    choose(owner, true);
    assertThat(send(HttpMethod.GET, "/v1/probe/hello", key, null, null).statusCode())
        .isEqualTo(200);
    assertThat(usage(owner)).as("a success is billed").containsEntry("requests", 1L);
  }

  private static void choose(String owner, boolean enabled) {
    HttpResponse<Buffer> r =
        api.send(
            HttpMethod.PUT,
            "/api/plugins/" + TestPlugins.PROBE,
            owner,
            "application/json",
            new JsonObject().put("enabled", enabled).toBuffer());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  private static HttpResponse<Buffer> embed(String key, JsonObject body) {
    return send(HttpMethod.POST, "/v1/embeddings", key, null, body.toBuffer());
  }

  private static HttpResponse<Buffer> send(
      HttpMethod method, String path, String key, String idempotencyKey, Buffer body) {
    HttpRequest<Buffer> request =
        client.request(method, server.port(), "127.0.0.1", path).bearerTokenAuthentication(key);
    if (idempotencyKey != null) {
      request.putHeader("Idempotency-Key", idempotencyKey);
    }
    if (body == null) {
      return request.send().await();
    }
    return request.putHeader("Content-Type", "application/json").sendBuffer(body).await();
  }

  /** The tenant's usage this month, by meter, leaving out meters at zero. */
  private static Map<String, Long> usage(String owner) {
    JsonArray rows =
        api.get("/api/usage?groupBy=meter", owner).bodyAsJsonObject().getJsonArray("data");
    Map<String, Long> byMeter = new TreeMap<>();
    rows.stream()
        .map(JsonObject.class::cast)
        .filter(r -> r.getLong("quantity") > 0)
        .forEach(r -> byMeter.merge(r.getString("meter"), r.getLong("quantity"), Long::sum));
    return byMeter;
  }
}
