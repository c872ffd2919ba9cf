package dev.atrium.app;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
final class AuthApiTest {
  private static TestServer server;
  private static ApiClient api;

  @BeforeAll
  static void start(Vertx vertx) {
    server =
        TestServer.start(
            Map.of("auth.login-max-failures", "3", "auth.login-lockout-seconds", "30"));
    api = new ApiClient(vertx, server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void signupCreatesTenantAndOwnerAndLoginWorks() {
    HttpResponse<Buffer> signup =
        api.post(
            "/api/auth/signup",
            null,
            new JsonObject()
                .put("tenant", "  Café 北京 Ltd  ")
                .put("email", "Owner@Example.COM")
                .put("password", "correct horse battery"));
    assertThat(signup.statusCode()).as(signup.bodyAsString()).isEqualTo(201);
    JsonObject body = signup.bodyAsJsonObject();
    assertThat(body.getJsonObject("tenant").getString("name")).isEqualTo("Café 北京 Ltd");
    assertThat(body.getJsonObject("user").getString("email")).isEqualTo("owner@example.com");
    assertThat(body.getJsonObject("user").getString("role")).isEqualTo("owner");
    assertThat(body.toString()).doesNotContain("correct horse battery").doesNotContain("argon2");

    String token = api.login("OWNER@example.com", "correct horse battery");
    JsonObject me = api.get("/api/me", token).bodyAsJsonObject();
    assertThat(me.getString("role")).isEqualTo("owner");
    assertThat(me.getJsonObject("tenant").getString("id"))
        .isEqualTo(body.getJsonObject("tenant").getString("id"));
  }

  @Test
  void duplicateSignupIsAConflict() {
    api.signup("First", "dup@example.com");
    HttpResponse<Buffer> again =
        api.post(
            "/api/auth/signup",
            null,
            new JsonObject()
                .put("tenant", "Second")
                .put("email", "DUP@example.com")
                .put("password", "another password"));
    assertProblem(again, 409, "email_taken");
  }

  @Test
  void signupRefusesBadInput() {
    JsonObject valid =
        new JsonObject()
            .put("tenant", "T")
            .put("email", "x@example.com")
            .put("password", "long enough");
    assertProblem(send("{not json", "application/json"), 400, "malformed_json");
    assertProblem(send("[1,2]", "application/json"), 400, "malformed_json");
    assertProblem(send("", "application/json"), 400, "malformed_json");
    assertProblem(send(valid.encode(), "text/plain"), 415, "unsupported_media_type");
    assertProblem(send(valid.encode(), null), 415, "unsupported_media_type");
    assertProblem(signup(valid.copy().put("extra", 1)), 400, "unknown_field");
    assertProblem(signup(valid.copy().put("tenant", 42)), 400, "invalid_field");
    assertProblem(signup(valid.copy().put("tenant", "   ")), 400, "invalid_field");
    assertProblem(signup(valid.copy().put("tenant", "a".repeat(201))), 400, "invalid_field");
    assertProblem(signup(valid.copy().put("tenant", "bad\u0000name")), 400, "invalid_characters");
    assertProblem(signup(without(valid, "email")), 400, "invalid_field");
    assertProblem(signup(valid.copy().put("email", "not-an-email")), 400, "invalid_field");
    assertProblem(signup(valid.copy().put("email", "x\u007f@example.com")), 400, "invalid_field");
    assertProblem(signup(valid.copy().put("email", "x@exa\u0085mple.com")), 400, "invalid_field");
    assertProblem(signup(valid.copy().put("password", "")), 400, "invalid_field");
    assertProblem(signup(valid.copy().put("password", "short")), 400, "weak_password");
    assertProblem(signup(valid.copy().put("password", "p".repeat(1025))), 400, "invalid_field");
    assertProblem(signup(valid.copy().put("password", null)), 400, "invalid_field");

    // Nothing above created anything: the e-mail is still free.
    assertThat(signup(valid).statusCode()).isEqualTo(201);
  }

  @Test
  void unicodeNamesUpToTheLimitAreAccepted() {
    String name = "测".repeat(200);
    HttpResponse<Buffer> r =
        signup(
            new JsonObject()
                .put("tenant", name)
                .put("email", "wide@example.com")
                .put("password", "пароль-пароль"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    assertThat(api.login("wide@example.com", "пароль-пароль")).isNotBlank();
  }

  @Test
  void oversizedBodiesAre413() {
    String huge = "{\"tenant\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    assertProblem(send(huge, "application/json"), 413, "body_too_large");
  }

  @Test
  void unknownRoutesAndMethodsAreProblems() {
    assertProblem(api.get("/api/nothing-here", null), 404, "route_not_found");
    // Under /v1 any path may belong to a plugin: credentials are checked first, then the route.
    assertProblem(api.get("/v1/nothing-here", null), 401, "unauthorized");
    assertProblem(api.delete("/api/auth/login", null), 405, "method_not_allowed");
  }

  @Test
  void wrongPasswordIsRefusedAuditedAndLocksOut() {
    String token = api.signup("Lock Co", "lock@example.com");
    JsonObject wrong =
        new JsonObject().put("email", "lock@example.com").put("password", "wrong password");
    for (int i = 0; i < 3; i++) {
      assertProblem(api.post("/api/auth/login", null, wrong), 401, "invalid_credentials");
    }
    HttpResponse<Buffer> locked = api.post("/api/auth/login", null, wrong);
    assertProblem(locked, 429, "login_locked");
    assertThat(Integer.parseInt(locked.getHeader("Retry-After"))).isBetween(1, 31);
    // Even the right password waits out the lockout.
    HttpResponse<Buffer> right =
        api.post("/api/auth/login", null, wrong.copy().put("password", "correct horse battery"));
    assertProblem(right, 429, "login_locked");

    JsonObject audit = api.get("/api/audit", token).bodyAsJsonObject();
    long failures =
        audit.getJsonArray("data").stream()
            .map(JsonObject.class::cast)
            .filter(e -> e.getString("action").equals("auth.login_failed"))
            .count();
    assertThat(failures).isEqualTo(3);
    assertThat(audit.getJsonArray("data").stream().map(JsonObject.class::cast))
        .as("each entry names the caller's address")
        .allMatch(e -> "127.0.0.1".equals(e.getString("ip")));
    assertThat(audit.encode()).doesNotContain("wrong password");
  }

  @Test
  void unknownEmailGetsTheSameAnswerAsWrongPassword() {
    HttpResponse<Buffer> r =
        api.post(
            "/api/auth/login",
            null,
            new JsonObject().put("email", "nobody@example.com").put("password", "whatever1"));
    assertProblem(r, 401, "invalid_credentials");
  }

  @Test
  void invitedUserAcceptsAndLogsIn() {
    String owner = api.signup("Invite Co", "boss@example.com");
    HttpResponse<Buffer> invite =
        api.post(
            "/api/users",
            owner,
            new JsonObject().put("email", "dev@example.com").put("role", "developer"));
    assertThat(invite.statusCode()).as(invite.bodyAsString()).isEqualTo(201);
    String inviteToken = invite.bodyAsJsonObject().getString("inviteToken");

    // An invited user cannot log in before accepting.
    assertProblem(
        api.post(
            "/api/auth/login",
            null,
            new JsonObject().put("email", "dev@example.com").put("password", "anything1")),
        401,
        "invalid_credentials");
    HttpResponse<Buffer> accepted =
        api.post(
            "/api/auth/accept-invite",
            null,
            new JsonObject().put("token", inviteToken).put("password", "dev password"));
    assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(200);
    assertThat(accepted.bodyAsJsonObject().getJsonObject("user").getString("role"))
        .isEqualTo("developer");
    // The invitation works once.
    assertProblem(
        api.post(
            "/api/auth/accept-invite",
            null,
            new JsonObject().put("token", inviteToken).put("password", "dev password")),
        404,
        "not_found");
    assertThat(api.login("dev@example.com", "dev password")).isNotBlank();
  }

  private static JsonObject without(JsonObject json, String field) {
    JsonObject copy = json.copy();
    copy.remove(field);
    return copy;
  }

  private static HttpResponse<Buffer> signup(JsonObject body) {
    return api.post("/api/auth/signup", null, body);
  }

  private static HttpResponse<Buffer> send(String body, String contentType) {
    return api.send(HttpMethod.POST, "/api/auth/signup", null, contentType, Buffer.buffer(body));
  }
}
