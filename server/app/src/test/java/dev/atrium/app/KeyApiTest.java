package dev.atrium.app;

import static dev.atrium.app.Problems.assertProblem;
import static dev.atrium.persistence.jooq.Tables.API_KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
final class KeyApiTest {
  private static TestServer server;
  private static ApiClient api;
  private static String owner;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start();
    api = new ApiClient(vertx, server.port());
    owner = api.signup("Keys Co", "keys@example.com");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void createdKeyIsShownOnceAndAuthenticates() {
    JsonObject created = api.createKey(owner, new JsonObject().put("name", "backend"));
    String key = created.getString("key");
    assertThat(key).startsWith("atr_").hasSizeGreaterThan(40);
    assertThat(created.getString("prefix")).isEqualTo(key.substring(0, 12));
    assertThat(created.getJsonArray("scopes")).containsExactly("*");

    JsonObject me = api.get("/v1/me", key).bodyAsJsonObject();
    assertThat(me.getString("keyId")).isEqualTo(created.getString("id"));
    assertThat(me.getJsonArray("scopes")).containsExactly("*");

    JsonArray listed = api.get("/api/keys", owner).bodyAsJsonObject().getJsonArray("data");
    assertThat(listed.encode()).contains(created.getString("id")).doesNotContain(key);
    JsonObject one = api.get("/api/keys/" + created.getString("id"), owner).bodyAsJsonObject();
    assertThat(one.containsKey("key")).isFalse();
    assertThat(one.getString("status")).isEqualTo("active");
  }

  @Test
  void keysAreStoredOnlyAsHashes() {
    String key = api.createKey(owner, new JsonObject().put("name", "hash check")).getString("key");
    var rows = server.server.database().dsl().selectFrom(API_KEYS).fetch();
    assertThat(rows).isNotEmpty();
    assertThat(rows.formatCSV()).doesNotContain(key).doesNotContain(key.substring(12));
  }

  @Test
  void revokedKeyFailsAtOnceAndRevokeIsIdempotent() {
    JsonObject created = api.createKey(owner, new JsonObject().put("name", "to revoke"));
    String key = created.getString("key");
    assertThat(api.get("/v1/me", key).statusCode()).isEqualTo(200); // now cached
    assertThat(api.delete("/api/keys/" + created.getString("id"), owner).statusCode())
        .isEqualTo(204);
    assertProblem(api.get("/v1/me", key), 401, "unauthorized");
    assertThat(api.delete("/api/keys/" + created.getString("id"), owner).statusCode())
        .isEqualTo(204);
    assertThat(
            api.get("/api/keys/" + created.getString("id"), owner)
                .bodyAsJsonObject()
                .getString("status"))
        .isEqualTo("revoked");
    assertProblem(
        api.post("/api/keys/" + created.getString("id") + "/rotate", owner, new JsonObject()),
        409,
        "key_not_active");
  }

  @Test
  void rotationWithoutGraceRetiresTheOldKeyAtOnce() {
    JsonObject created =
        api.createKey(
            owner,
            new JsonObject()
                .put("name", "rotate now")
                .put("scopes", new JsonArray().add("embeddings")));
    String oldKey = created.getString("key");
    assertThat(api.get("/v1/me", oldKey).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> rotated =
        api.send(
            HttpMethod.POST, "/api/keys/" + created.getString("id") + "/rotate", owner, null, null);
    assertThat(rotated.statusCode()).as(rotated.bodyAsString()).isEqualTo(201);
    String newKey = rotated.bodyAsJsonObject().getString("key");
    assertThat(rotated.bodyAsJsonObject().getJsonArray("scopes")).containsExactly("embeddings");
    assertProblem(api.get("/v1/me", oldKey), 401, "unauthorized");
    assertThat(api.get("/v1/me", newKey).statusCode()).isEqualTo(200);
    JsonObject old = api.get("/api/keys/" + created.getString("id"), owner).bodyAsJsonObject();
    assertThat(old.getString("replacedBy")).isEqualTo(rotated.bodyAsJsonObject().getString("id"));
    assertProblem(
        api.post("/api/keys/" + created.getString("id") + "/rotate", owner, new JsonObject()),
        409,
        "key_not_active");
  }

  @Test
  void rotationGraceKeepsTheOldKeyUntilItEnds() throws InterruptedException {
    JsonObject created = api.createKey(owner, new JsonObject().put("name", "rotate later"));
    String oldKey = created.getString("key");
    HttpResponse<Buffer> rotated =
        api.post(
            "/api/keys/" + created.getString("id") + "/rotate",
            owner,
            new JsonObject().put("gracePeriodSeconds", 2));
    assertThat(rotated.statusCode()).isEqualTo(201);
    assertThat(api.get("/v1/me", oldKey).statusCode()).isEqualTo(200);
    assertThat(api.get("/v1/me", rotated.bodyAsJsonObject().getString("key")).statusCode())
        .isEqualTo(200);
    Thread.sleep(2_100);
    assertProblem(api.get("/v1/me", oldKey), 401, "unauthorized");
  }

  @Test
  void expiredKeyIsRefusedTheMomentItExpires() throws InterruptedException {
    OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(1);
    String key =
        api.createKey(
                owner, new JsonObject().put("name", "short").put("expiresAt", soon.toString()))
            .getString("key");
    assertThat(api.get("/v1/me", key).statusCode()).isEqualTo(200);
    Thread.sleep(
        java.time.Duration.between(OffsetDateTime.now(ZoneOffset.UTC), soon).toMillis() + 50);
    assertProblem(api.get("/v1/me", key), 401, "unauthorized");
  }

  @Test
  void badKeyRequestsAreRefused() {
    assertProblem(api.post("/api/keys", owner, new JsonObject()), 400, "invalid_field");
    assertProblem(
        api.post("/api/keys", owner, new JsonObject().put("name", "")), 400, "invalid_field");
    assertProblem(
        api.post("/api/keys", owner, new JsonObject().put("name", 7)), 400, "invalid_field");
    assertProblem(
        api.post("/api/keys", owner, new JsonObject().put("name", "k").put("scopes", "all")),
        400,
        "invalid_field");
    assertProblem(
        api.post(
            "/api/keys",
            owner,
            new JsonObject().put("name", "k").put("scopes", new JsonArray().add("Bad Scope"))),
        400,
        "invalid_field");
    assertProblem(
        api.post(
            "/api/keys", owner, new JsonObject().put("name", "k").put("expiresAt", "tomorrow")),
        400,
        "invalid_field");
    assertProblem(
        api.post(
            "/api/keys",
            owner,
            new JsonObject().put("name", "k").put("expiresAt", "2020-01-01T00:00:00Z")),
        400,
        "invalid_field");
    assertProblem(
        api.post("/api/keys", owner, new JsonObject().put("name", "k").put("owner", "me")),
        400,
        "unknown_field");
    assertProblem(api.get("/api/keys/not-a-uuid", owner), 404, "not_found");
    assertProblem(
        api.delete("/api/keys/00000000-0000-0000-0000-000000000000", owner), 404, "not_found");
    String id = api.createKey(owner, new JsonObject().put("name", "grace")).getString("id");
    assertProblem(
        api.post(
            "/api/keys/" + id + "/rotate", owner, new JsonObject().put("gracePeriodSeconds", -1)),
        400,
        "invalid_field");
    assertProblem(
        api.post(
            "/api/keys/" + id + "/rotate",
            owner,
            new JsonObject().put("gracePeriodSeconds", 10_000_000)),
        400,
        "invalid_field");
    assertProblem(
        api.post(
            "/api/keys/" + id + "/rotate", owner, new JsonObject().put("gracePeriodSeconds", "10")),
        400,
        "invalid_field");
  }

  @Test
  void apiKeysAndDashboardTokensAreNotInterchangeable() {
    String key = api.createKey(owner, new JsonObject().put("name", "wrong door")).getString("key");
    assertProblem(api.get("/api/keys", key), 401, "unauthorized");
    assertProblem(api.get("/v1/me", owner), 401, "unauthorized");
    assertProblem(api.get("/v1/me", "atr_" + "A".repeat(43)), 401, "unauthorized");
    assertProblem(api.get("/v1/me", null), 401, "unauthorized");
  }

  @Test
  void keyLifecycleIsAudited() {
    JsonObject created = api.createKey(owner, new JsonObject().put("name", "audited"));
    String id = created.getString("id");
    api.post("/api/keys/" + id + "/rotate", owner, new JsonObject().put("gracePeriodSeconds", 60));
    String newId = api.get("/api/keys/" + id, owner).bodyAsJsonObject().getString("replacedBy");
    api.delete("/api/keys/" + newId, owner);
    String audit = api.get("/api/audit", owner).bodyAsString();
    assertThat(audit)
        .contains("key.created")
        .contains("key.rotated")
        .contains("key.revoked")
        .contains("key:" + id);
    assertThat(audit).doesNotContain(created.getString("key"));
  }
}
