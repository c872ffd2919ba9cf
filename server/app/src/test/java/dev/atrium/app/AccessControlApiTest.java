package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.host.TestPlugins;
import dev.atrium.shared.Role;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every endpoint in the OpenAPI document is called as every kind of caller: anonymous, each tenant
 * role, the operator and an API key. Callers below the documented rule get 401/403; the rest get
 * past authorisation. A new route is covered as soon as it is mounted.
 */
@ExtendWith(VertxExtension.class)
final class AccessControlApiTest {
  private static TestServer server;
  private static ApiClient api;
  private static final Map<Role, String> tokens = new EnumMap<>(Role.class);
  private static String apiKey;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(TestPlugins.probeInstalledAtStart());
    api = new ApiClient(vertx, server.port());
    TenantTeam team = TenantTeam.signUp(api, "Roles Co", "roles.test");
    tokens.putAll(team.tokens());
    tokens.put(Role.OPERATOR, api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD));
    apiKey = team.apiKey();
    // Plugin routes are swept too: the probe plugin is installed and enabled for this tenant.
    team.enable(api, TestPlugins.PROBE);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyEndpointEnforcesItsDocumentedAccessRule() {
    List<String> checked = new ArrayList<>();
    for (OpenApiOperations.Operation operation : OpenApiOperations.of(api)) {
      checkEndpoint(
          operation.method(),
          operation.with("00000000-0000-0000-0000-000000000000"),
          operation.access());
      checked.add(operation.method().name().toLowerCase(Locale.ROOT) + " " + operation.path());
    }
    assertThat(checked)
        .contains(
            "post /api/keys",
            "get /api/audit",
            "get /api/admin/tenants",
            "get /v1/me",
            "get /v1/probe/hello",
            "put /v1/probe/notes/{id}");
  }

  private static void checkEndpoint(HttpMethod method, String path, JsonObject access) {
    String kind = access.getString("kind");
    String what = method + " " + path + " " + access.encode();
    if (kind.equals("public")) {
      return;
    }
    assertThat(status(method, path, null)).as(what + " anonymous").isEqualTo(401);
    switch (kind) {
      case "api_key" -> {
        assertThat(status(method, path, tokens.get(Role.OWNER)))
            .as(what + " with a JWT")
            .isEqualTo(401);
        assertThat(status(method, path, apiKey)).as(what + " with a key").isNotIn(401, 403);
      }
      case "operator" -> {
        for (Role role : List.of(Role.OWNER, Role.ADMIN, Role.DEVELOPER, Role.VIEWER)) {
          assertThat(status(method, path, tokens.get(role)))
              .as(what + " as " + role)
              .isEqualTo(403);
        }
        assertThat(status(method, path, tokens.get(Role.OPERATOR)))
            .as(what + " as operator")
            .isNotIn(401, 403);
        assertThat(status(method, path, apiKey)).as(what + " with a key").isEqualTo(401);
      }
      case "user" -> {
        for (Role role : Role.values()) {
          assertThat(status(method, path, tokens.get(role)))
              .as(what + " as " + role)
              .isNotIn(401, 403);
        }
      }
      case "member" -> {
        Role minimum = Role.fromWire(access.getString("minimumRole"));
        for (Role role : List.of(Role.OWNER, Role.ADMIN, Role.DEVELOPER, Role.VIEWER)) {
          int status = status(method, path, tokens.get(role));
          if (role.atLeast(minimum)) {
            assertThat(status).as(what + " as " + role).isNotIn(401, 403);
          } else {
            assertThat(status).as(what + " as " + role).isEqualTo(403);
          }
        }
        assertThat(status(method, path, tokens.get(Role.OPERATOR)))
            .as(what + " as operator")
            .isEqualTo(403);
        assertThat(status(method, path, apiKey)).as(what + " with a key").isEqualTo(401);
      }
      default -> throw new AssertionError("unknown access kind " + kind);
    }
  }

  private static int status(HttpMethod method, String path, String bearer) {
    return api.status(method, path, bearer);
  }

  @Test
  void adminsCannotTouchTheOwnerRoleAndTheLastOwnerStays() {
    String admin = tokens.get(Role.ADMIN);
    JsonObject me = api.get("/api/me", tokens.get(Role.OWNER)).bodyAsJsonObject();
    String ownerId = me.getJsonObject("user").getString("id");
    HttpResponse<Buffer> demote =
        api.patch("/api/users/" + ownerId, admin, new JsonObject().put("role", "viewer"));
    assertThat(demote.statusCode()).isEqualTo(403);
    HttpResponse<Buffer> promote =
        api.post(
            "/api/users",
            admin,
            new JsonObject().put("email", "new-owner@roles.test").put("role", "owner"));
    assertThat(promote.statusCode()).isEqualTo(403);
    HttpResponse<Buffer> selfDemote =
        api.patch(
            "/api/users/" + ownerId, tokens.get(Role.OWNER), new JsonObject().put("role", "admin"));
    assertThat(selfDemote.statusCode()).isEqualTo(409);
    assertThat(selfDemote.bodyAsJsonObject().getString("code")).isEqualTo("last_owner");
  }

  @Test
  void roleChangesTakeEffectOnTheNextRequestAndAreAudited() {
    String owner = tokens.get(Role.OWNER);
    String invite =
        api.post(
                "/api/users",
                owner,
                new JsonObject().put("email", "mover@roles.test").put("role", "admin"))
            .bodyAsJsonObject()
            .getString("inviteToken");
    JsonObject accepted =
        api.post(
                "/api/auth/accept-invite",
                null,
                new JsonObject().put("token", invite).put("password", "mover password"))
            .bodyAsJsonObject();
    String moverToken = accepted.getString("token");
    String moverId = accepted.getJsonObject("user").getString("id");
    assertThat(api.get("/api/audit", moverToken).statusCode()).isEqualTo(200);
    assertThat(
            api.patch("/api/users/" + moverId, owner, new JsonObject().put("role", "viewer"))
                .statusCode())
        .isEqualTo(200);
    assertThat(api.get("/api/audit", moverToken).statusCode()).isEqualTo(403);
    assertThat(api.get("/api/audit", owner).bodyAsString()).contains("user.role_changed");
  }
}
