package dev.atrium.contract;

import static dev.atrium.contract.ValidatingClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.contract.ValidatingClient.Call;
import dev.atrium.contract.ValidatingClient.Exchange;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing is billed for a request Atrium answers with 4xx, on every metered operation of the
 * bundled plugins, generated from {@code /openapi.json}: a fresh tenant sends each of them every
 * {@link SpoiledRequests spoiled request} (malformed JSON, wrong types, blank text, unknown fields,
 * missing fields, unknown ids, query values outside their schema, empty and oversized bodies, a
 * refused Idempotency-Key), each of which must be refused with 4xx, and ends with no usage on any
 * meter, the plugins' own meters included; its first success is then billed, so the zero is not a
 * usage report that sees nothing. The requests are spoiled from the ones another tenant's traffic
 * made successfully, so a new metered route fails here until its plugin's {@code *Traffic} calls it
 * successfully.
 */
final class BillingOnPluginErrorsTest {
  private static ContractPlatform platform;
  private static ValidatingClient api;

  @BeforeAll
  static void start() {
    platform = ContractPlatform.start();
    api = platform.api();
    // Every plugin route used successfully once: the requests the sweep spoils.
    new PluginTraffic(api, ContractTenant.signUp(api, "traffic.billing.test")).run();
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void aTenantAnsweredOnlyWithErrorsIsBilledNothingOnAnyMeter() {
    ContractTenant refused = ContractTenant.signUp(api, "errors.billing.test");
    List<PluginOperation> metered =
        PluginOperation.bundled(api.operations()).stream()
            .filter(PluginOperation::metered)
            .toList();
    assertThat(metered.stream().map(PluginOperation::name))
        .contains(
            "POST /v1/customer-service/answer",
            "POST /v1/content/generate",
            "POST /v1/fraud/score/batch",
            "POST /v1/tutoring/responses");
    List<String> notRefused = new ArrayList<>();
    int sent = 0;
    for (PluginOperation operation : metered) {
      for (SpoiledRequests.Spoiled spoiled :
          SpoiledRequests.of(operation, successfulCall(operation))) {
        Exchange answer = api.send(spoiled.call().as(refused.apiKey()));
        sent++;
        if (answer.status() < 400 || answer.status() >= 500) {
          notRefused.add(operation + " with " + spoiled.how() + " answered " + answer);
        }
      }
    }
    assertThat(notRefused).as("of %d spoiled requests", sent).isEmpty();
    assertThat(usage(refused)).as("usage after only refusals").isEmpty();
    assertThat(api.violations()).isEmpty();

    Call report = successfulCall(operation("GET /v1/fraud/reports/daily", metered));
    assertThat(api.send(report.as(refused.apiKey())).status()).isEqualTo(200);
    assertThat(usage(refused))
        .as("a success is billed, on the plugin's own meter too")
        .containsOnly(Map.entry("requests", 1L), Map.entry("fraud.reports", 1L));
  }

  private static PluginOperation operation(String name, List<PluginOperation> operations) {
    return operations.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
  }

  /** The other tenant's request of {@code operation} that succeeded, to spoil. */
  private static Call successfulCall(PluginOperation operation) {
    return api.firstSuccess(operation.name())
        .orElseThrow(
            () ->
                new AssertionError(
                    "the traffic never called "
                        + operation
                        + " successfully: add a call to its plugin's *Traffic"));
  }

  /** The tenant's usage this month, by meter, leaving out meters at zero. */
  private static Map<String, Long> usage(ContractTenant tenant) {
    Exchange usage =
        api.send(call("GET", "/api/usage").as(tenant.owner()).query("groupBy", "meter"));
    assertThat(usage.status()).as(usage.toString()).isEqualTo(200);
    Map<String, Long> byMeter = new TreeMap<>();
    usage.json().getJsonArray("data").stream()
        .map(JsonObject.class::cast)
        .filter(row -> row.getLong("quantity") > 0)
        .forEach(row -> byMeter.merge(row.getString("meter"), row.getLong("quantity"), Long::sum));
    return byMeter;
  }
}
