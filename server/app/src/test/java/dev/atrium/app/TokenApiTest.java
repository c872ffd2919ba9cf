package dev.atrium.app;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Dashboard JWTs: forged, tampered, expired and foreign tokens are all refused. */
@ExtendWith(VertxExtension.class)
final class TokenApiTest {
  private static TestServer server;
  private static ApiClient api;
  private static String userId;
  private static String tenantId;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start();
    api = new ApiClient(vertx, server.port());
    String token = api.signup("Token Co", "token@example.com");
    JsonObject me = api.get("/api/me", token).bodyAsJsonObject();
    userId = me.getJsonObject("user").getString("id");
    tenantId = me.getJsonObject("tenant").getString("id");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static long inAnHour() {
    return System.currentTimeMillis() / 1000 + 3600;
  }

  @Test
  void aCorrectlySignedTokenIsAccepted() {
    String token = Jwts.hs256(Jwts.claims(userId, tenantId, inAnHour()), TestServer.JWT_SECRET);
    assertThat(api.get("/api/keys", token).statusCode()).isEqualTo(200);
  }

  @Test
  void algNoneIsRefused() {
    assertProblem(
        api.get("/api/keys", Jwts.unsigned(Jwts.claims(userId, tenantId, inAnHour()))),
        401,
        "unauthorized");
  }

  @Test
  void wrongKeyIsRefused() {
    String forged =
        Jwts.hs256(
            Jwts.claims(userId, tenantId, inAnHour()),
            "another-secret-another-secret-another-secret");
    assertProblem(api.get("/api/keys", forged), 401, "unauthorized");
  }

  @Test
  void expiredTokenIsRefused() {
    long past = System.currentTimeMillis() / 1000 - 5;
    assertProblem(
        api.get(
            "/api/keys", Jwts.hs256(Jwts.claims(userId, tenantId, past), TestServer.JWT_SECRET)),
        401,
        "unauthorized");
  }

  @Test
  void tamperedPayloadIsRefused() {
    String real = api.login("token@example.com", "correct horse battery");
    String[] parts = real.split("\\.");
    JsonObject claims = Jwts.claims("00000000-0000-0000-0000-000000000001", tenantId, inAnHour());
    String swapped =
        parts[0]
            + "."
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(claims.encode().getBytes())
            + "."
            + parts[2];
    assertProblem(api.get("/api/keys", swapped), 401, "unauthorized");
  }

  @Test
  void wrongAudienceOrIssuerIsRefused() {
    JsonObject claims = Jwts.claims(userId, tenantId, inAnHour());
    assertProblem(
        api.get(
            "/api/keys", Jwts.hs256(claims.copy().put("aud", "elsewhere"), TestServer.JWT_SECRET)),
        401,
        "unauthorized");
    assertProblem(
        api.get("/api/keys", Jwts.hs256(claims.copy().put("iss", "evil"), TestServer.JWT_SECRET)),
        401,
        "unauthorized");
  }

  @Test
  void tokenForAnUnknownUserIsRefused() {
    String ghost =
        Jwts.hs256(
            Jwts.claims("00000000-0000-0000-0000-000000000002", tenantId, inAnHour()),
            TestServer.JWT_SECRET);
    assertProblem(api.get("/api/keys", ghost), 401, "unauthorized");
  }

  @Test
  void anotherTenantsTokenOnlyReachesItsOwnTenant() {
    String other = api.signup("Other Co", "other-token@example.com");
    JsonObject me = api.get("/api/me", other).bodyAsJsonObject();
    assertThat(me.getJsonObject("tenant").getString("id")).isNotEqualTo(tenantId);
    // Claiming the first tenant in "tid" changes nothing: the tenant comes from the user row.
    String otherUser = me.getJsonObject("user").getString("id");
    String lying = Jwts.hs256(Jwts.claims(otherUser, tenantId, inAnHour()), TestServer.JWT_SECRET);
    assertThat(api.get("/api/me", lying).bodyAsJsonObject().getJsonObject("tenant").getString("id"))
        .isNotEqualTo(tenantId);
  }

  @Test
  void garbageAndMissingCredentialsAreRefused() {
    assertProblem(api.get("/api/keys", null), 401, "unauthorized");
    assertProblem(api.get("/api/keys", "not.a.jwt"), 401, "unauthorized");
    assertProblem(api.get("/api/keys", "x".repeat(5000)), 401, "unauthorized");
    assertThat(api.get("/api/keys", null).getHeader("WWW-Authenticate")).isEqualTo("Bearer");
  }
}
