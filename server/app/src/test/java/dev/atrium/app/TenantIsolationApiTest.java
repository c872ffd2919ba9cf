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

/** Nothing of tenant A is visible to, or changeable by, tenant B; ids of A answer 404 to B. */
@ExtendWith(VertxExtension.class)
final class TenantIsolationApiTest {
  private static TestServer server;
  private static ApiClient api;
  private static String ownerA;
  private static String ownerB;
  private static String keyIdA;
  private static String keyA;
  private static String userIdA;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start();
    api = new ApiClient(vertx, server.port());
    ownerA = api.signup("Tenant A", "a@example.com");
    ownerB = api.signup("Tenant B", "b@example.com");
    JsonObject key = api.createKey(ownerA, new JsonObject().put("name", "A's key"));
    keyIdA = key.getString("id");
    keyA = key.getString("key");
    userIdA =
        api.post(
                "/api/users",
                ownerA,
                new JsonObject().put("email", "a-dev@example.com").put("role", "developer"))
            .bodyAsJsonObject()
            .getString("id");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void bCannotSeeAsKeys() {
    assertThat(api.get("/api/keys", ownerB).bodyAsJsonObject().getJsonArray("data")).isEmpty();
    assertProblem(api.get("/api/keys/" + keyIdA, ownerB), 404, "not_found");
  }

  @Test
  void bCannotRevokeOrRotateAsKeys() {
    assertProblem(api.delete("/api/keys/" + keyIdA, ownerB), 404, "not_found");
    assertProblem(
        api.post("/api/keys/" + keyIdA + "/rotate", ownerB, new JsonObject()), 404, "not_found");
    assertThat(api.get("/v1/me", keyA).statusCode()).isEqualTo(200);
    assertThat(api.get("/api/keys/" + keyIdA, ownerA).bodyAsJsonObject().getString("status"))
        .isEqualTo("active");
  }

  @Test
  void bCannotSeeOrChangeAsUsers() {
    assertThat(api.get("/api/users", ownerB).bodyAsString())
        .doesNotContain("a@example.com")
        .doesNotContain(userIdA);
    assertProblem(
        api.patch("/api/users/" + userIdA, ownerB, new JsonObject().put("role", "viewer")),
        404,
        "not_found");
    String role =
        api.get("/api/users", ownerA).bodyAsJsonObject().getJsonArray("data").stream()
            .map(JsonObject.class::cast)
            .filter(u -> u.getString("id").equals(userIdA))
            .findFirst()
            .orElseThrow()
            .getString("role");
    assertThat(role).isEqualTo("developer");
  }

  @Test
  void bCannotSeeAsAuditEntries() {
    String auditB = api.get("/api/audit", ownerB).bodyAsString();
    assertThat(auditB)
        .doesNotContain(keyIdA)
        .doesNotContain("a@example.com")
        .doesNotContain("A's key");
    assertThat(api.get("/api/audit", ownerA).bodyAsString()).contains(keyIdA);
  }

  @Test
  void aKeyOfBIsScopedToB() {
    String keyB = api.createKey(ownerB, new JsonObject().put("name", "B's key")).getString("key");
    JsonObject meB = api.get("/v1/me", keyB).bodyAsJsonObject();
    JsonObject meA = api.get("/v1/me", keyA).bodyAsJsonObject();
    assertThat(meB.getString("tenantId")).isNotEqualTo(meA.getString("tenantId"));
    // An API key is no dashboard credential, so it cannot reach A's management API either.
    assertProblem(api.delete("/api/keys/" + keyIdA, keyB), 401, "unauthorized");
  }
}
