package dev.atrium.accounts;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.TenantTeam;
import dev.atrium.app.TestServer;
import dev.atrium.billing.http.TestPlans;
import dev.atrium.host.TestPlugins;
import dev.atrium.shared.Role;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator suspends and resumes a tenant on a real server with the probe plugin installed:
 * while suspended the tenant's API key is refused on a platform route and on a plugin route, its
 * users' sessions and logins are refused, all with 403 {@code tenant_suspended}, and nothing is
 * billed; resuming serves them again at once (the cached key and tenant state notwithstanding);
 * another tenant is untouched; bad input, wrong roles and unknown tenants get their problems.
 */
@ExtendWith(VertxExtension.class)
final class TenantSuspensionApiTest {
  private static final String PLAN = "dollar-a-call";

  private static TestServer server;
  private static ApiClient api;
  private static String operator;

  @BeforeAll
  static void start(Vertx vertx) {
    Map<String, String> config = new HashMap<>(TestPlugins.probeInstalledAtStart());
    // A long key cache: resuming must not wait for it.
    config.put("keys.cache-ttl-seconds", "3600");
    config.put("tenants.status-cache-ttl-seconds", "3600");
    server = TestServer.start(config);
    api = new ApiClient(vertx, server.port());
    operator = api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
    HttpResponse<Buffer> plan =
        api.post("/api/admin/plans", operator, TestPlans.priced(PLAN, Map.of("requests", "1.00")));
    assertThat(plan.statusCode()).as(plan.bodyAsString()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aSuspendedTenantIsRefusedEverywhereUnbilledAndServedAgainAtOnceWhenResumed() {
    TenantTeam team = TenantTeam.signUp(api, "Suspended Co", "suspended.test");
    TenantTeam bystander = TenantTeam.signUp(api, "Bystander Co", "bystander.test");
    for (TenantTeam t : List.of(team, bystander)) {
      t.enable(api, TestPlugins.PROBE);
      TestPlans.subscribe(api, operator, t.tenantId(), PLAN);
    }
    // Warm every cache with a served call of each kind.
    assertThat(call(HttpMethod.GET, "/v1/me", team.apiKey()).statusCode()).isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/v1/probe/hello", team.apiKey()).statusCode()).isEqualTo(200);
    assertThat(api.get("/api/me", team.owner()).statusCode()).isEqualTo(200);
    String chargesBefore = account(team.tenantId()).getString("chargesSoFar");

    String invite =
        api.post(
                "/api/users",
                team.owner(),
                new JsonObject().put("email", "newcomer@suspended.test").put("role", "developer"))
            .bodyAsJsonObject()
            .getString("inviteToken");
    JsonObject suspended = suspend(team.tenantId(), "  Unpaid invoices, 发票未付  ");
    assertThat(suspended.getBoolean("suspended")).isTrue();
    assertThat(suspended.getString("suspendedReason")).isEqualTo("Unpaid invoices, 发票未付");
    assertThat(suspended.getString("suspendedAt")).isNotBlank();

    for (String path : List.of("/v1/me", "/v1/probe/hello")) {
      JsonObject problem =
          assertProblem(call(HttpMethod.GET, path, team.apiKey()), 403, "tenant_suspended");
      assertThat(problem.getString("detail")).as(path).contains("suspended");
    }
    for (Role role : List.of(Role.OWNER, Role.VIEWER)) {
      assertProblem(api.get("/api/me", team.token(role)), 403, "tenant_suspended");
      assertProblem(api.get("/api/keys", team.token(role)), 403, "tenant_suspended");
    }
    assertProblem(
        api.post(
            "/api/auth/login",
            null,
            new JsonObject()
                .put("email", "owner@suspended.test")
                .put("password", "correct horse battery")),
        403,
        "tenant_suspended");
    // An invitation is accepted (the account exists) but signs nobody in while suspended.
    assertProblem(
        api.post(
            "/api/auth/accept-invite",
            null,
            new JsonObject().put("token", invite).put("password", "newcomer password")),
        403,
        "tenant_suspended");
    // A wrong password learns nothing of the suspension.
    assertProblem(
        api.post(
            "/api/auth/login",
            null,
            new JsonObject().put("email", "owner@suspended.test").put("password", "wrong one!")),
        401,
        "invalid_credentials");
    assertThat(account(team.tenantId()).getString("chargesSoFar")).isEqualTo(chargesBefore);

    // The other tenant and the operator are served as before.
    assertThat(call(HttpMethod.GET, "/v1/me", bystander.apiKey()).statusCode()).isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/v1/probe/hello", bystander.apiKey()).statusCode())
        .isEqualTo(200);
    assertThat(api.get("/api/me", bystander.owner()).statusCode()).isEqualTo(200);

    JsonObject listed = listed(team.tenantId());
    assertThat(listed.getBoolean("suspended")).isTrue();
    assertThat(listed.getString("suspendedReason")).isEqualTo("Unpaid invoices, 发票未付");
    assertThat(listed(bystander.tenantId()).getBoolean("suspended")).isFalse();
    assertThat(account(team.tenantId()).getBoolean("suspended")).isTrue();

    HttpResponse<Buffer> resumed =
        bare("/api/admin/tenants/" + team.tenantId() + "/resume", operator);
    assertThat(resumed.statusCode()).as(resumed.bodyAsString()).isEqualTo(200);
    assertThat(resumed.bodyAsJsonObject().getBoolean("suspended")).isFalse();
    assertThat(resumed.bodyAsJsonObject().getValue("suspendedReason")).isNull();

    assertThat(call(HttpMethod.GET, "/v1/me", team.apiKey()).statusCode()).isEqualTo(200);
    assertThat(call(HttpMethod.GET, "/v1/probe/hello", team.apiKey()).statusCode()).isEqualTo(200);
    assertThat(api.get("/api/me", team.owner()).statusCode()).isEqualTo(200);
    assertThat(api.login("owner@suspended.test", "correct horse battery")).isNotBlank();
    assertThat(api.login("newcomer@suspended.test", "newcomer password")).isNotBlank();
    assertThat(listed(team.tenantId()).getBoolean("suspended")).isFalse();

    JsonArray audit = api.get("/api/admin/audit", operator).bodyAsJsonObject().getJsonArray("data");
    List<String> actions =
        audit.stream()
            .map(JsonObject.class::cast)
            .filter(e -> ("tenant:" + team.tenantId()).equals(e.getString("target")))
            .map(e -> e.getString("action"))
            .toList();
    assertThat(actions).containsExactly("tenant.resumed", "tenant.suspended");
    JsonObject suspension =
        audit.stream()
            .map(JsonObject.class::cast)
            .filter(e -> "tenant.suspended".equals(e.getString("action")))
            .findFirst()
            .orElseThrow();
    assertThat(suspension.getJsonObject("details").getString("reason"))
        .isEqualTo("Unpaid invoices, 发票未付");
    assertThat(suspension.getString("actorEmail")).isEqualTo(TestServer.OPERATOR_EMAIL);
  }

  @Test
  void suspendAndResumeRefuseBadInputWrongRolesAndUnknownTenants() {
    TenantTeam team = TenantTeam.signUp(api, "Careful Co", "careful.test");
    String path = "/api/admin/tenants/" + team.tenantId();
    for (JsonObject bad :
        List.of(
            new JsonObject(),
            new JsonObject().put("reason", ""),
            new JsonObject().put("reason", "   "),
            new JsonObject().put("reason", 42),
            new JsonObject().put("reason", "x".repeat(501)))) {
      assertProblem(api.post(path + "/suspend", operator, bad), 400, "invalid_field");
    }
    assertProblem(
        api.post(path + "/suspend", operator, new JsonObject().put("reason", "line\u0007bell")),
        400,
        "invalid_characters");
    assertProblem(
        api.post(path + "/suspend", operator, new JsonObject().put("reason", "x").put("y", 1)),
        400,
        "unknown_field");
    assertProblem(
        api.send(
            HttpMethod.POST,
            path + "/suspend",
            operator,
            "application/json",
            Buffer.buffer("{\"reason\":")),
        400,
        "malformed_json");
    assertProblem(bare(path + "/resume", operator), 409, "not_suspended");

    JsonObject reason = new JsonObject().put("reason", "abuse");
    for (Role role : List.of(Role.OWNER, Role.ADMIN, Role.VIEWER)) {
      assertThat(api.post(path + "/suspend", team.token(role), reason).statusCode())
          .as(role.wireName())
          .isEqualTo(403);
    }
    assertThat(call(HttpMethod.POST, path + "/suspend", team.apiKey()).statusCode()).isEqualTo(401);
    assertThat(api.post(path + "/suspend", null, reason).statusCode()).isEqualTo(401);

    String unknown = "/api/admin/tenants/00000000-0000-0000-0000-000000000000";
    assertProblem(api.post(unknown + "/suspend", operator, reason), 404, "not_found");
    assertProblem(bare(unknown + "/resume", operator), 404, "not_found");
    assertProblem(api.post("/api/admin/tenants/nope/suspend", operator, reason), 404, "not_found");

    suspend(team.tenantId(), "abuse");
    assertProblem(api.post(path + "/suspend", operator, reason), 409, "already_suspended");
    // A member of the suspended tenant cannot resume it.
    assertProblem(bare(path + "/resume", team.owner()), 403, "tenant_suspended");
    assertThat(bare(path + "/resume", operator).statusCode()).isEqualTo(200);
  }

  private static JsonObject suspend(String tenantId, String reason) {
    HttpResponse<Buffer> r =
        api.post(
            "/api/admin/tenants/" + tenantId + "/suspend",
            operator,
            new JsonObject().put("reason", reason));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static JsonObject account(String tenantId) {
    HttpResponse<Buffer> r = api.get("/api/admin/billing/tenants/" + tenantId, operator);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static JsonObject listed(String tenantId) {
    return api
        .get("/api/admin/billing/tenants?limit=500", operator)
        .bodyAsJsonObject()
        .getJsonArray("data")
        .stream()
        .map(JsonObject.class::cast)
        .filter(t -> tenantId.equals(t.getString("id")))
        .findFirst()
        .orElseThrow();
  }

  private static HttpResponse<Buffer> call(HttpMethod method, String path, String bearer) {
    return method == HttpMethod.GET
        ? api.get(path, bearer)
        : api.send(method, path, bearer, "application/json", Buffer.buffer("{}"));
  }

  /** A POST without a body. */
  private static HttpResponse<Buffer> bare(String path, String bearer) {
    return api.send(HttpMethod.POST, path, bearer, null, null);
  }
}
