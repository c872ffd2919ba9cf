package dev.atrium.contract;

import static dev.atrium.contract.ValidatingClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.contract.ValidatingClient.Exchange;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The contract of {@code /openapi.json}: a real server with the bundled plugins installed, real
 * traffic for every documented operation (an answer in 2xx and, where the operation has one, an
 * error answer) checked by an OpenAPI validator against the document the server itself serves. Any
 * request or response the document does not describe fails, and so does an operation that was never
 * called unless {@link Unexercised} says why, so a new route cannot slip through.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class ApiContractTest {
  private static final String ZERO_ID = "00000000-0000-0000-0000-000000000000";

  private static ContractPlatform platform;
  private static ValidatingClient api;
  private static ContractTenant tenant;
  private static String operator;

  @BeforeAll
  static void start() {
    platform = ContractPlatform.start();
    api = platform.api();
    operator = platform.operator();
    tenant = ContractTenant.signUp(api, "contract.test");
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @Order(1)
  void theBundledPluginsAreInstalled() {
    assertThat(api.operations().all())
        .contains(
            "POST /v1/customer-service/documents",
            "POST /v1/content/generate",
            "POST /v1/fraud/score",
            "POST /v1/tutoring/next");
  }

  @Test
  @Order(2)
  void platformTraffic() {
    new PlatformTraffic(api, tenant, operator).run();
  }

  @Test
  @Order(3)
  void pluginTraffic() {
    new PluginTraffic(api, tenant).run();
  }

  @Test
  @Order(10)
  void everyProtectedOperationRefusesAnonymousCallers() {
    for (String operation : api.operations().all()) {
      JsonObject access = api.operations().operation(operation).getJsonObject("x-atrium-access");
      if (access.getString("kind").equals("public")) {
        continue;
      }
      String[] parts = operation.split(" ", 2);
      Exchange answer =
          api.send(call(parts[0], parts[1].replaceAll("\\{[^}]+}", ZERO_ID)).invalid());
      assertThat(answer.status()).as(operation).isEqualTo(401);
    }
  }

  @Test
  @Order(11)
  void everyJsonBodyRefusesMalformedJson() {
    for (String operation : api.operations().all()) {
      JsonObject described = api.operations().operation(operation);
      JsonObject body = described.getJsonObject("requestBody");
      if (body == null || !body.getJsonObject("content").containsKey("application/json")) {
        continue;
      }
      String[] parts = operation.split(" ", 2);
      Exchange answer =
          api.send(
              call(parts[0], parts[1].replaceAll("\\{[^}]+}", ZERO_ID))
                  .as(tenant.credentialFor(described.getJsonObject("x-atrium-access"), operator))
                  .body("application/json", "{\"unterminated".getBytes())
                  .invalid());
      assertThat(answer.status()).as(operation + " " + answer).isBetween(400, 499);
    }
  }

  @Test
  @Order(12)
  void pluginLifecycle() {
    Path tutoring =
        ContractServer.pluginArchives().stream()
            .filter(p -> p.getFileName().toString().contains("tutoring"))
            .findFirst()
            .orElseThrow();
    api.expect(
        200,
        call("PUT", "/api/admin/plugins/tutoring")
            .as(operator)
            .query("allowDowngrade", "true")
            .body("application/zip", ContractPlatform.read(tutoring)));
    api.expect(200, call("POST", "/api/admin/plugins/tutoring/reset").as(operator));
    api.expect(204, call("DELETE", "/api/admin/plugins/tutoring").as(operator));
    api.expect(404, call("GET", "/api/admin/plugins/tutoring/logs").as(operator));
    assertThat(api.takeSurprises()).isEmpty();
  }

  @Test
  @Order(20)
  void everyExchangeIsDescribedByTheDocument() {
    assertThat(api.violations()).isEmpty();
  }

  @Test
  @Order(21)
  void everyOperationWasExercised() {
    Map<String, Set<Integer>> statuses = api.statuses();
    Map<String, String> missing = new TreeMap<>();
    for (String operation : api.operations().all()) {
      Set<Integer> seen = statuses.getOrDefault(operation, Set.of());
      boolean success = seen.stream().anyMatch(s -> s >= 200 && s < 400);
      boolean error = seen.stream().anyMatch(s -> s >= 400 && s < 500);
      if (!success && !Unexercised.SUCCESS.containsKey(operation)) {
        missing.put(operation, "no 2xx/3xx answer, saw " + seen);
      } else if (!error && !Unexercised.ERROR.containsKey(operation)) {
        missing.put(operation, "no 4xx answer, saw " + seen);
      }
    }
    assertThat(missing).isEmpty();
    assertThat(Unexercised.SUCCESS.keySet()).isSubsetOf(api.operations().all());
    assertThat(Unexercised.ERROR.keySet()).isSubsetOf(api.operations().all());
  }
}
