package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.auth.Role;
import dev.atrium.app.plugins.TestPlugins;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
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
  private static HttpClient http;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(TestPlugins.probeInstalledAtStart());
    api = new ApiClient(vertx, server.port());
    http = vertx.createHttpClient();
    String owner = api.signup("Roles Co", "owner@roles.test");
    tokens.put(Role.OWNER, owner);
    for (Role role : List.of(Role.ADMIN, Role.DEVELOPER, Role.VIEWER)) {
      String email = role.wireName() + "@roles.test";
      String invite =
          api.post(
                  "/api/users",
                  owner,
                  new JsonObject().put("email", email).put("role", role.wireName()))
              .bodyAsJsonObject()
              .getString("inviteToken");
      api.post(
          "/api/auth/accept-invite",
          null,
          new JsonObject().put("token", invite).put("password", "role password"));
      tokens.put(role, api.login(email, "role password"));
    }
    tokens.put(Role.OPERATOR, api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD));
    apiKey = api.createKey(owner, new JsonObject().put("name", "k")).getString("key");
    // Plugin routes are swept too: the probe plugin is installed and enabled for this tenant.
    api.send(
        HttpMethod.PUT,
        "/api/plugins/" + TestPlugins.PROBE,
        owner,
        "application/json",
        new JsonObject().put("enabled", true).toBuffer());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyEndpointEnforcesItsDocumentedAccessRule() {
    JsonObject paths = api.get("/openapi.json", null).bodyAsJsonObject().getJsonObject("paths");
    List<String> checked = new ArrayList<>();
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        JsonObject access = item.getJsonObject(method).getJsonObject("x-atrium-access");
        HttpMethod httpMethod = HttpMethod.valueOf(method.toUpperCase(Locale.ROOT));
        String concrete = path.replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
        checkEndpoint(httpMethod, concrete, access);
        checked.add(method + " " + path);
      }
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

  /**
   * The status of one call, read as soon as the headers arrive (the connection is then closed): the
   * sweep also reaches endless responses such as the operator's server-sent events.
   */
  private static int status(HttpMethod method, String path, String bearer) {
    // An empty JSON object: enough to get past authorisation, never enough to change anything.
    Buffer body =
        method == HttpMethod.GET || method == HttpMethod.DELETE ? null : Buffer.buffer("{}");
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setHost("127.0.0.1")
            .setPort(server.port())
            .setURI(path);
    if (bearer != null) {
      options.putHeader("Authorization", "Bearer " + bearer);
    }
    if (body != null) {
      options.putHeader("Content-Type", "application/json");
    }
    return http.request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .map(
            response -> {
              response.request().connection().close();
              return response.statusCode();
            })
        .await();
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
