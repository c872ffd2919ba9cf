package dev.atrium.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.contract.ValidatingClient.Call;
import dev.atrium.contract.ValidatingClient.Exchange;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cross-tenant sweep of the bundled plugins' routes, generated from {@code /openapi.json}:
 * every plugin operation whose path names a resource by id is called with tenant A's ids by every
 * member role of tenant B, by B's API key and by a B key holding only the plugins' scopes, each
 * time with the request A's own traffic made successfully (its body and query). None may answer 2xx
 * (except a PUT, which makes B's own resource under that id in B's namespace), none may show A's
 * data (its tenant id, or the marker text A's resources carry), and each must answer the status and
 * problem code it answers for an id of the same shape that nothing has, so B can neither reach A's
 * resources nor learn that they exist; every answer of A's to its own reads is the same after the
 * sweep as before. A new plugin route with a path id fails here until {@link MarkedResources} makes
 * A a resource of its kind.
 */
final class CrossTenantPluginRoutesTest {
  private static final String MARKER = "Known only to tenant A 7c41";

  private static ContractPlatform platform;
  private static ValidatingClient api;
  private static ContractTenant a;
  private static MarkedResources ofA;
  private static Map<String, String> callersOfB;

  @BeforeAll
  static void start() {
    platform = ContractPlatform.start();
    api = platform.api();
    a = ContractTenant.signUp(api, "a.cross.test");
    ContractTenant b = ContractTenant.signUp(api, "b.cross.test");
    // A uses every plugin route once: the requests B sends again.
    new PluginTraffic(api, a).run();
    ofA = MarkedResources.make(api, a.apiKey(), MARKER);
    callersOfB = TenantCredentials.of(api, b, "b.cross.test");
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void noBundledPluginOperationReachesAnotherTenantsIds() {
    Map<String, String> readBefore = readsOfA();
    List<String> leaks = new ArrayList<>();
    Set<String> swept = new TreeSet<>();
    for (PluginOperation operation : putsLast(PluginOperation.bundled(api.operations()))) {
      if (!operation.hasPathId()) {
        continue;
      }
      String id = ofA.ids().get(operation.resource());
      assertThat(id)
          .as(
              operation
                  + " names a resource by id, but tenant A has none of its kind: make one in"
                  + " MarkedResources")
          .isNotNull();
      Call request = successfulCall(operation);
      for (Map.Entry<String, String> caller : callersOfB.entrySet()) {
        String what = operation + " with A's id " + id + " as B's " + caller.getKey();
        Answer answer = answer(request.copy().at(operation.with(id)).as(caller.getValue()));
        Answer unknown =
            answer(request.copy().at(operation.with(UnknownId.like(id))).as(caller.getValue()));
        if (answer.status() / 100 == 2 && !operation.method().equals("PUT")) {
          leaks.add(what + " answered " + answer);
        }
        if (answer.body().contains(MARKER) || answer.body().contains(a.id())) {
          leaks.add(what + " shows A's data: " + answer);
        }
        if (!answer.withoutBody().equals(unknown.withoutBody())) {
          leaks.add(what + " answered " + answer + ", but for an id that nothing has " + unknown);
        }
      }
      swept.add(operation.resource());
    }
    assertThat(leaks).isEmpty();
    assertThat(swept).as("every kind of A's resources was tried").isEqualTo(ofA.ids().keySet());
    assertThat(readsOfA()).as("A's resources are unchanged").isEqualTo(readBefore);
    assertThat(api.violations()).isEmpty();
  }

  /** A's request of {@code operation} that succeeded, which B sends again with its credentials. */
  private static Call successfulCall(PluginOperation operation) {
    return api.firstSuccess(operation.name())
        .orElseThrow(
            () ->
                new AssertionError(
                    "A's traffic never called "
                        + operation
                        + " successfully: add a call to its plugin's *Traffic"));
  }

  /**
   * What A reads of its own: the answer to A's successful request of every bundled plugin GET, at
   * A's marked resource where the path has an id.
   */
  private static Map<String, String> readsOfA() {
    Map<String, String> reads = new TreeMap<>();
    for (PluginOperation operation : PluginOperation.bundled(api.operations())) {
      if (!operation.method().equals("GET")) {
        continue;
      }
      Call read = successfulCall(operation).as(a.apiKey());
      if (operation.hasPathId()) {
        read.at(operation.with(ofA.ids().get(operation.resource())));
      }
      Exchange answer = api.send(read);
      reads.put(operation.name(), answer.status() + " " + answer.text());
    }
    return reads;
  }

  /**
   * PUTs last: a PUT may make B's own resource under A's id, after which B's other calls would
   * rightly find it.
   */
  private static List<PluginOperation> putsLast(List<PluginOperation> operations) {
    List<PluginOperation> sorted = new ArrayList<>(operations);
    sorted.sort(Comparator.comparing(o -> o.method().equals("PUT")));
    return sorted;
  }

  private static Answer answer(Call call) {
    Exchange exchange = api.send(call);
    String code = null;
    if (exchange.contentType() != null
        && exchange.contentType().contains("json")
        && exchange.text().startsWith("{")) {
      code = new JsonObject(exchange.text()).getString("code");
    }
    return new Answer(exchange.status(), code, exchange.text());
  }

  private record Answer(int status, String code, String body) {
    Answer withoutBody() {
      return new Answer(status, code, "");
    }
  }
}
