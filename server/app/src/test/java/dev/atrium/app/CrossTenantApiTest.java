package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.atrium.host.TestPlugins;
import dev.atrium.persistence.billing.BudgetAlert;
import dev.atrium.persistence.billing.BudgetRepository;
import dev.atrium.persistence.billing.Subscription;
import dev.atrium.persistence.billing.SubscriptionRepository;
import dev.atrium.persistence.billing.UsageEvent;
import dev.atrium.persistence.billing.UsageRepository;
import dev.atrium.shared.Role;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cross-tenant sweep, generated from {@code /openapi.json}: every tenant operation whose path
 * names a resource by id is called with tenant A's ids by every member role of tenant B and by B's
 * API key. None may answer 2xx (except a PUT creating B's own resource under that id in B's own
 * namespace), none may show A's data, and each must answer exactly as it does for an id that does
 * not exist, so B can neither reach A's resources nor learn that they exist; A's resources are
 * unchanged at the end. A new route with a path id fails here until the suite knows an id of A to
 * try on it ({@link #ID_OF_A}), or it is listed as naming a platform-wide thing ({@link
 * #PLATFORM_IDS}) with the reason.
 */
@ExtendWith(VertxExtension.class)
final class CrossTenantApiTest {
  /**
   * Path parameters that name platform-wide things, not a tenant's: calling them with the same id
   * as another tenant is expected to work.
   */
  private static final Map<String, String> PLATFORM_IDS =
      Map.of(
          "/api/plugins/",
          "a plugin id names an installed plugin, shared by every tenant; the settings it reaches"
              + " are the caller's own");

  private static final String NOTE_OF_A = "A's note";

  /** Tenant A's resources, by the path before the id. */
  private static final Map<String, String> ID_OF_A = new LinkedHashMap<>();

  private static TestServer server;
  private static ApiClient api;
  private static TenantTeam a;
  private static TenantTeam b;
  private static String userOfA;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(TestPlugins.probeInstalledAtStart());
    api = new ApiClient(vertx, server.port());
    a = TenantTeam.signUp(api, "Tenant A", "a.cross.test");
    b = TenantTeam.signUp(api, "Tenant B", "b.cross.test");
    a.enable(api, TestPlugins.PROBE);
    b.enable(api, TestPlugins.PROBE);
    userOfA = userId(a, "developer@a.cross.test");
    ID_OF_A.put("/api/keys/", a.apiKeyId());
    ID_OF_A.put("/api/users/", userOfA);
    ID_OF_A.put("/api/invoices/", invoiceOfA());
    ID_OF_A.put("/v1/probe/notes/", noteOfA());
    ID_OF_A.put("/api/tenant/exports/", exportOfA());
    ID_OF_A.put("/api/budget/alerts/", budgetAlertOfA());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void noTenantOperationReachesAnotherTenantsIds() {
    List<String> swept = new ArrayList<>();
    for (OpenApiOperations.Operation operation : putsLast(OpenApiOperations.of(api))) {
      if (!operation.hasPathId() || isPlatformWide(operation)) {
        continue;
      }
      String prefix = operation.path().substring(0, operation.path().indexOf('{'));
      String id = ID_OF_A.get(prefix);
      if (id == null) {
        fail(
            operation
                + " names a resource by id, but this suite has no id of tenant A for it: create"
                + " one in start() and add it to ID_OF_A (or list it in PLATFORM_IDS with why)");
      }
      for (Map.Entry<String, String> caller : callersOfB().entrySet()) {
        String what = operation + " with A's id " + id + " as B's " + caller.getKey();
        Answer answer = call(operation.method(), operation.with(id), caller.getValue());
        Answer unknown =
            call(operation.method(), operation.with(unknownLike(id)), caller.getValue());
        assertThat(answer.status() / 100 != 2 || operation.method() == HttpMethod.PUT)
            .as(what + " answered " + answer + " (only a PUT may create B's own resource)")
            .isTrue();
        assertThat(answer.body()).as(what).doesNotContain(a.tenantId()).doesNotContain(NOTE_OF_A);
        assertThat(answer.withoutBody())
            .as(what + ": answers as for an id that does not exist")
            .isEqualTo(unknown.withoutBody());
      }
      swept.add(operation.toString());
    }
    assertThat(swept)
        .as("the sweep reached every kind of tenant resource")
        .contains(
            "GET /api/keys/{id}",
            "DELETE /api/keys/{id}",
            "POST /api/keys/{id}/rotate",
            "PATCH /api/users/{id}",
            "GET /api/invoices/{id}",
            "GET /v1/probe/notes/{id}",
            "PUT /v1/probe/notes/{id}",
            "POST /api/budget/alerts/{id}/dismiss");
    assertAIsUntouched();
  }

  /** Operator routes span tenants by design (tenants get 403 there: AccessControlApiTest). */
  private static boolean isPlatformWide(OpenApiOperations.Operation operation) {
    return operation.kind().equals("operator")
        || operation.kind().equals("public")
        || PLATFORM_IDS.keySet().stream().anyMatch(operation.path()::startsWith);
  }

  private static Map<String, String> callersOfB() {
    Map<String, String> callers = new LinkedHashMap<>();
    for (Role role : List.of(Role.OWNER, Role.ADMIN, Role.DEVELOPER, Role.VIEWER)) {
      callers.put(role.wireName(), b.token(role));
    }
    callers.put("API key", b.apiKey());
    return callers;
  }

  /** An id of the same shape that names nothing. */
  private static String unknownLike(String id) {
    try {
      UUID.fromString(id);
      return UUID.randomUUID().toString();
    } catch (IllegalArgumentException notAUuid) {
      return "no-such-" + UUID.randomUUID();
    }
  }

  private record Answer(int status, String code, String body) {
    Answer withoutBody() {
      return new Answer(status, code, "");
    }
  }

  /**
   * PUTs last: a PUT to an id in a caller's own namespace (a plugin's documents) creates the
   * caller's resource, after which the other operations would rightly find it.
   */
  private static List<OpenApiOperations.Operation> putsLast(
      List<OpenApiOperations.Operation> operations) {
    List<OpenApiOperations.Operation> sorted = new ArrayList<>(operations);
    sorted.sort(Comparator.comparing(o -> o.method() == HttpMethod.PUT));
    return sorted;
  }

  private static Answer call(HttpMethod method, String path, String bearer) {
    boolean withBody = method != HttpMethod.GET && method != HttpMethod.DELETE;
    HttpResponse<Buffer> r =
        api.send(
            method,
            path,
            bearer,
            withBody ? "application/json" : null,
            withBody ? new JsonObject().put("v", "written by B").toBuffer() : null);
    String body = r.body() == null ? "" : r.bodyAsString();
    String code = null;
    if (!body.isEmpty() && r.getHeader("Content-Type").contains("json")) {
      code = r.bodyAsJsonObject().getString("code");
    }
    return new Answer(r.statusCode(), code, body);
  }

  private void assertAIsUntouched() {
    assertThat(api.get("/v1/me", a.apiKey()).statusCode()).as("A's key still works").isEqualTo(200);
    JsonObject note =
        api.get("/v1/probe/notes/" + ID_OF_A.get("/v1/probe/notes/"), a.apiKey())
            .bodyAsJsonObject();
    assertThat(note.getString("v")).isEqualTo(NOTE_OF_A);
    assertThat(api.get("/api/users", a.owner()).bodyAsString()).contains(userOfA);
    assertThat(api.get("/api/invoices/" + ID_OF_A.get("/api/invoices/"), a.owner()).statusCode())
        .isEqualTo(200);
    assertThat(
            api.get("/api/budget/alerts", a.owner())
                .bodyAsJsonObject()
                .getJsonArray("data")
                .getJsonObject(0)
                .getBoolean("dismissed"))
        .as("A's budget notice is not dismissed")
        .isFalse();
  }

  /** A budget alert of A this month, as the budget watch raises it. */
  private static String budgetAlertOfA() {
    UUID id = UUID.randomUUID();
    new BudgetRepository(server.server.database().dsl())
        .raise(
            new BudgetAlert(
                id,
                UUID.fromString(a.tenantId()),
                YearMonth.now(ZoneOffset.UTC).toString(),
                50,
                BigDecimal.TEN,
                new BigDecimal("5.00"),
                "USD",
                OffsetDateTime.now(ZoneOffset.UTC),
                null));
    return id.toString();
  }

  private static String userId(TenantTeam team, String email) {
    return api.get("/api/users", team.owner()).bodyAsJsonObject().getJsonArray("data").stream()
        .map(JsonObject.class::cast)
        .filter(u -> u.getString("email").equals(email))
        .findFirst()
        .orElseThrow()
        .getString("id");
  }

  private static String noteOfA() {
    HttpResponse<Buffer> put =
        api.send(
            HttpMethod.PUT,
            "/v1/probe/notes/a-note",
            a.apiKey(),
            "application/json",
            new JsonObject().put("v", NOTE_OF_A).toBuffer());
    assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
    return "a-note";
  }

  /** Starts an export of A's data (its id is good as soon as it is started). */
  private static String exportOfA() {
    HttpResponse<Buffer> started = api.post("/api/tenant/exports", a.owner(), new JsonObject());
    assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(202);
    return started.bodyAsJsonObject().getString("id");
  }

  /** Closes last month for A, subscribed then with some usage, as the ledger would have written. */
  private static String invoiceOfA() {
    YearMonth last = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
    OffsetDateTime start = last.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    server
        .server
        .database()
        .dsl()
        .transaction(
            c -> {
              new SubscriptionRepository(c.dsl())
                  .insert(
                      new Subscription(
                          UUID.randomUUID(),
                          UUID.fromString(a.tenantId()),
                          "pro",
                          start.minusMonths(1),
                          null,
                          BigDecimal.ZERO,
                          start));
              new UsageRepository(c.dsl())
                  .append(
                      List.of(
                          new UsageEvent(
                              UUID.fromString(a.tenantId()),
                              "cross-1",
                              UsageEvent.NO_KEY,
                              "",
                              "",
                              "requests",
                              10,
                              start.plusDays(2))));
            });
    String operator = api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
    assertThat(
            api.post("/api/admin/invoices/close?period=" + last, operator, new JsonObject())
                .statusCode())
        .isEqualTo(202);
    JsonObject progress;
    do {
      progress = api.get("/api/admin/invoices/close?period=" + last, operator).bodyAsJsonObject();
    } while (progress.getString("state").equals("running"));
    assertThat(progress.getString("state")).isEqualTo("done");
    return api.get("/api/invoices", a.owner())
        .bodyAsJsonObject()
        .getJsonArray("data")
        .getJsonObject(0)
        .getString("id");
  }
}
