package dev.atrium.billing.http;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.TestServer;
import dev.atrium.host.TestPlugins;
import dev.atrium.persistence.idempotency.IdempotencyRepository;
import dev.atrium.persistence.idempotency.IdempotencyRepository.Claimed;
import dev.atrium.persistence.idempotency.IdempotentRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stripe-style retries on H2 and PostgreSQL: the first answer to an Idempotency-Key is replayed,
 * not run or billed again; the key with another request is refused, a retry in flight waits, an
 * error frees the key, and stored answers expire.
 */
@ExtendWith(VertxExtension.class)
final class IdempotencyApiTest {
  private static TestServer server;
  private static ApiClient api;
  private static WebClient client;

  @BeforeAll
  static void start(Vertx vertx) {
    Map<String, String> config = new HashMap<>(TestPlugins.probeInstalledAtStart());
    // Long enough to see the first request in flight; /block is the one route that uses it all.
    config.put("plugins.request-timeout-ms", "3000");
    server = TestServer.start(config);
    api = new ApiClient(vertx, server.port());
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private record Tenant(UUID id, String owner, String key, String otherKey) {}

  private static Tenant tenant(String name) {
    String owner = api.signup(name, name.toLowerCase().replace(' ', '-') + "@idem.test");
    UUID id =
        UUID.fromString(
            api.get("/api/me", owner).bodyAsJsonObject().getJsonObject("tenant").getString("id"));
    String key = api.createKey(owner, new JsonObject().put("name", "k")).getString("key");
    String other = api.createKey(owner, new JsonObject().put("name", "k2")).getString("key");
    HttpResponse<Buffer> enabled =
        api.send(
            HttpMethod.PUT,
            "/api/plugins/" + TestPlugins.PROBE,
            owner,
            "application/json",
            new JsonObject().put("enabled", true).toBuffer());
    assertThat(enabled.statusCode()).as(enabled.bodyAsString()).isEqualTo(200);
    return new Tenant(id, owner, key, other);
  }

  private static HttpRequest<Buffer> request(
      HttpMethod method, String path, String key, String idempotencyKey) {
    HttpRequest<Buffer> request =
        client.request(method, server.port(), "127.0.0.1", path).bearerTokenAuthentication(key);
    if (idempotencyKey != null) {
      request.putHeader("Idempotency-Key", idempotencyKey);
    }
    return request;
  }

  private static HttpResponse<Buffer> putNote(
      String key, String idempotencyKey, String note, JsonObject body) {
    return request(HttpMethod.PUT, "/v1/probe/notes/" + note, key, idempotencyKey)
        .sendJsonObject(body)
        .await();
  }

  private static HttpResponse<Buffer> get(String path, String key, String idempotencyKey) {
    return request(HttpMethod.GET, path, key, idempotencyKey).send().await();
  }

  private static long requestsBilled(Tenant t) {
    JsonArray rows =
        api.get("/api/usage?groupBy=meter", t.owner()).bodyAsJsonObject().getJsonArray("data");
    return rows.stream()
        .map(JsonObject.class::cast)
        .filter(r -> r.getString("meter").equals("requests"))
        .mapToLong(r -> r.getLong("quantity"))
        .sum();
  }

  private static Optional<IdempotentRequest> stored(Tenant t, String key) {
    return new IdempotencyRepository(server.server.database().dsl()).find(t.id(), key);
  }

  @Test
  void aRetryGetsTheFirstAnswerAndIsNeitherRunNorBilledAgain() {
    Tenant t = tenant("Replay Co");
    HttpResponse<Buffer> first = putNote(t.key(), "note-1", "n1", new JsonObject().put("v", 1));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(first.getHeader("Idempotent-Replayed")).isNull();
    // The note changes after the first request; a retry that ran again would write v=1 back.
    assertThat(putNote(t.key(), null, "n1", new JsonObject().put("v", 2)).statusCode())
        .isEqualTo(200);

    HttpResponse<Buffer> retry = putNote(t.key(), "note-1", "n1", new JsonObject().put("v", 1));
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.getHeader("Content-Type")).isEqualTo(first.getHeader("Content-Type"));
    assertThat(retry.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    assertThat(retry.getHeader("RateLimit-Limit")).as("the retry's own admission").isNotNull();
    assertThat(get("/v1/probe/notes/n1", t.key(), null).bodyAsJsonObject().getInteger("v"))
        .as("the retry did not run")
        .isEqualTo(2);
    assertThat(requestsBilled(t)).as("two requests ran; the replay is free").isEqualTo(3);

    HttpResponse<Buffer> me = get("/v1/me", t.key(), "me-1");
    HttpResponse<Buffer> meAgain = get("/v1/me", t.key(), "me-1");
    assertThat(meAgain.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(meAgain.bodyAsString()).isEqualTo(me.bodyAsString());
    assertThat(requestsBilled(t)).isEqualTo(4);
    assertThat(stored(t, "me-1").orElseThrow().state()).isEqualTo(IdempotentRequest.State.STORED);
  }

  @Test
  void theKeyWithAnotherRequestIsRefusedWith422AndKeysArePerTenant() {
    Tenant t = tenant("Reuse Co");
    JsonObject body = new JsonObject().put("v", 1);
    assertThat(putNote(t.key(), "reused", "n1", body).statusCode()).isEqualTo(200);
    long billed = requestsBilled(t);

    assertProblem(
        putNote(t.key(), "reused", "n1", new JsonObject().put("v", 9)),
        422,
        "idempotency_key_reused");
    assertProblem(putNote(t.key(), "reused", "n2", body), 422, "idempotency_key_reused");
    assertProblem(get("/v1/probe/notes/n1", t.key(), "reused"), 422, "idempotency_key_reused");
    assertProblem(
        putNote(t.otherKey(), "reused", "n1", body),
        422,
        "idempotency_key_reused"); // another API key of the tenant: another request
    assertThat(requestsBilled(t)).as("refused requests are not billed").isEqualTo(billed);

    Tenant other = tenant("Other Reuse Co");
    HttpResponse<Buffer> theirs = putNote(other.key(), "reused", "n1", body);
    assertThat(theirs.statusCode()).isEqualTo(200);
    assertThat(theirs.getHeader("Idempotent-Replayed")).as("keys are per tenant").isNull();
    assertThat(requestsBilled(other)).isEqualTo(1);
  }

  @Test
  void aRetryWhileTheFirstRunsGets409AndAnErrorFreesTheKeyUnbilled() {
    Tenant t = tenant("Busy Co");
    Future<HttpResponse<Buffer>> first =
        request(HttpMethod.GET, "/v1/probe/block", t.key(), "busy").send();
    while (stored(t, "busy").isEmpty()) {
      Thread.onSpinWait(); // the first request has not claimed its key yet
    }
    HttpResponse<Buffer> retry = get("/v1/probe/block", t.key(), "busy");
    assertProblem(retry, 409, "idempotency_key_in_use");
    assertThat(retry.getHeader("Retry-After")).isEqualTo("1");

    assertProblem(first.await(), 504, "plugin_timeout");
    assertThat(stored(t, "busy")).as("an error stores nothing").isEmpty();
    HttpResponse<Buffer> failed = get("/v1/probe/throw", t.key(), "fails");
    assertProblem(failed, 500, "plugin_failed");
    HttpResponse<Buffer> again = get("/v1/probe/throw", t.key(), "fails");
    assertProblem(again, 500, "plugin_failed");
    assertThat(again.getHeader("Idempotent-Replayed")).as("it ran again").isNull();
    assertThat(requestsBilled(t)).isZero();

    HttpResponse<Buffer> corrected = get("/v1/probe/hello", t.key(), "fails");
    assertThat(corrected.statusCode()).as("a freed key names the next request").isEqualTo(200);
    assertThat(requestsBilled(t)).isEqualTo(1);
  }

  @Test
  void aClientErrorIsStoredAndReplayedLikeStripeAndBilledNeither() {
    Tenant t = tenant("Not Found Co");
    HttpResponse<Buffer> first = get("/v1/probe/notes/later", t.key(), "nf-1");
    assertProblem(first, 404, "not_found");
    // The note exists now; a retry that ran again would find it.
    assertThat(putNote(t.key(), null, "later", new JsonObject().put("v", 1)).statusCode())
        .isEqualTo(200);

    HttpResponse<Buffer> retry = get("/v1/probe/notes/later", t.key(), "nf-1");
    assertThat(retry.statusCode()).isEqualTo(404);
    assertThat(retry.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.getHeader("Content-Type")).isEqualTo(first.getHeader("Content-Type"));
    assertThat(retry.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    assertProblem(get("/v1/probe/notes/other", t.key(), "nf-1"), 422, "idempotency_key_reused");

    HttpResponse<Buffer> malformed =
        request(HttpMethod.PUT, "/v1/probe/notes/bad", t.key(), "bad-1")
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer("{\"v\": 1,}"))
            .await();
    assertProblem(malformed, 400, "malformed_json");
    HttpResponse<Buffer> malformedAgain =
        request(HttpMethod.PUT, "/v1/probe/notes/bad", t.key(), "bad-1")
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer("{\"v\": 1,}"))
            .await();
    assertThat(malformedAgain.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(malformedAgain.bodyAsJsonObject()).isEqualTo(malformed.bodyAsJsonObject());
    assertThat(requestsBilled(t)).as("only the note's PUT ran and is billed").isEqualTo(1);
  }

  @Test
  void answersThatSayNotNowAreNotKept() {
    assertThat(List.of(200, 201, 204, 400, 404, 413, 422)).allMatch(IdempotencyClaim::replayable);
    assertThat(List.of(402, 408, 409, 429, 500, 503, 504)).noneMatch(IdempotencyClaim::replayable);
  }

  @Test
  void answersExpireAndALapsedLockIsTakenOverByTheSameRequestOnly() {
    Tenant t = tenant("Expiry Co");
    DSLContext dsl = server.server.database().dsl();
    IdempotencyRepository keys = new IdempotencyRepository(dsl);
    OffsetDateTime t0 = OffsetDateTime.of(2027, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    Duration lock = Duration.ofMinutes(5);
    Duration ttl = Duration.ofHours(24);

    Claimed first = keys.claim(t.id(), "k", "request-a", t0, lock, ttl);
    assertThat(first.held()).isTrue();
    Claimed whileRunning = keys.claim(t.id(), "k", "request-a", t0.plusMinutes(1), lock, ttl);
    assertThat(whileRunning.held()).isFalse();
    assertThat(whileRunning.existing().orElseThrow().state())
        .isEqualTo(IdempotentRequest.State.IN_FLIGHT);
    assertThat(keys.claim(t.id(), "k", "request-b", t0.plusMinutes(6), lock, ttl).held())
        .as("another request never takes a lapsed lock")
        .isFalse();
    Claimed takenOver = keys.claim(t.id(), "k", "request-a", t0.plusMinutes(6), lock, ttl);
    assertThat(takenOver.held()).isTrue();
    assertThat(takenOver.createdAt())
        .as("the same first attempt: billed once")
        .isAtSameInstantAs(t0);
    assertThat(keys.release(t.id(), "k", first.claim()))
        .as("the old holder lost its claim")
        .isFalse();
    assertThat(keys.find(t.id(), "k")).isPresent();

    assertThat(keys.purgeExpired(t0.plus(ttl).minusSeconds(1))).isZero();
    Claimed afterExpiry = keys.claim(t.id(), "k", "request-b", t0.plus(ttl), lock, ttl);
    assertThat(afterExpiry.held()).as("an expired key names a new request").isTrue();
    assertThat(afterExpiry.createdAt()).isAtSameInstantAs(t0.plus(ttl));
    assertThat(keys.purgeExpired(t0.plus(ttl).plus(ttl))).isGreaterThanOrEqualTo(1);
    assertThat(keys.find(t.id(), "k")).isEmpty();
  }
}
