package dev.atrium.db;

import static dev.atrium.app.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.ApiClient;
import dev.atrium.app.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The database goes away under load and comes back, on PostgreSQL and on H2: a real database server
 * on loopback ({@link StoppableDatabase}) is stopped while an API key keeps calling a metered
 * route, then started again on the same data and port. While it is down, dashboard reads answer 503
 * {@code database_unavailable} with a {@code Retry-After}, and quickly (not after the pool's
 * connection timeout); metered requests are still answered, their usage acknowledged into the
 * ledger's journal up to its cap, past which they answer 503 {@code usage_not_recorded} with a
 * {@code Retry-After}. Once it is back, everything answers again without a restart, and the
 * recorded usage equals the acknowledged usage exactly.
 */
class DatabaseOutageTest {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  /** The journal's cap in this test: small, so that the load reaches it during the outage. */
  private static final int JOURNAL_CAP = 60;

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @ParameterizedTest
  @EnumSource(StoppableDatabase.Kind.class)
  void readsFailFastUsageIsJournaledAndEverythingRecoversWhenTheDatabaseReturns(
      StoppableDatabase.Kind kind) throws Exception {
    try (StoppableDatabase database = StoppableDatabase.start(kind)) {
      Map<String, String> config = new HashMap<>(database.serverConfig());
      // Requests that find no connection give up after 3 s, not the default 10.
      config.put("db.connect-timeout-ms", "3000");
      // The tenant's plan stays cached through the outage, as it would in a short one.
      config.put("billing.plan-cache-seconds", "600");
      config.put("billing.ledger-batch-size", "20");
      config.put("billing.ledger-max-unapplied-events", Integer.toString(JOURNAL_CAP));
      try (TestServer server = TestServer.start(config)) {
        outageUnderLoad(new ApiClient(vertx, server.port()), database);
      }
    }
  }

  private static void outageUnderLoad(ApiClient api, StoppableDatabase database) throws Exception {
    String owner = api.signup("Outage", "owner@outage.test");
    String key = api.createKey(owner, new JsonObject().put("name", "load")).getString("key");
    String tenantId = api.get("/v1/me", key).bodyAsJsonObject().getString("tenantId");
    String operator = api.login(TestServer.OPERATOR_EMAIL, TestServer.OPERATOR_PASSWORD);
    HttpResponse<Buffer> plan =
        api.send(
            HttpMethod.PUT,
            "/api/admin/tenants/" + tenantId + "/subscription",
            operator,
            "application/json",
            Buffer.buffer(new JsonObject().put("plan", "enterprise").encode()));
    assertThat(plan.statusCode()).as(plan.bodyAsString()).isEqualTo(200);

    // Load: a metered request every 20 ms; answered 200 = its usage acknowledged.
    AtomicLong acknowledged = new AtomicLong(1); // the /v1/me call above
    Map<String, AtomicLong> refused = new ConcurrentHashMap<>();
    AtomicLong withoutRetryAfter = new AtomicLong();
    ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
    load.scheduleWithFixedDelay(
        () -> {
          HttpResponse<Buffer> answer = api.get("/v1/me", key);
          if (answer.statusCode() == 200) {
            acknowledged.incrementAndGet();
            return;
          }
          String code = answer.bodyAsJsonObject().getString("code");
          refused
              .computeIfAbsent(answer.statusCode() + " " + code, s -> new AtomicLong())
              .incrementAndGet();
          if (answer.getHeader("Retry-After") == null) {
            withoutRetryAfter.incrementAndGet();
          }
        },
        0,
        20,
        TimeUnit.MILLISECONDS);
    long duringOutage;
    try {
      awaitUntil(() -> acknowledged.get() >= 20);
      assertThat(api.get("/api/keys", owner).statusCode()).isEqualTo(200);

      database.stop();
      long atOutage = acknowledged.get();
      // The first reads find out (a lost connection fails at once, a new one after the pool's
      // timeout); from then on every read fails fast.
      awaitUntil(() -> api.get("/api/keys", owner).statusCode() == 503);
      for (String path : new String[] {"/api/keys", "/api/usage?groupBy=meter", "/api/audit"}) {
        long began = System.nanoTime();
        HttpResponse<Buffer> down = api.get(path, owner);
        long millis = (System.nanoTime() - began) / 1_000_000;
        assertProblem(down, 503, "database_unavailable");
        assertThat(down.getHeader("Retry-After")).as(path).isNotBlank();
        assertThat(millis).as(path + " answered before a connection timeout").isLessThan(2_000);
      }
      // Metered requests are still answered, their usage journaled, until the journal is full.
      awaitUntil(() -> refused.containsKey("503 usage_not_recorded"));
      duringOutage = acknowledged.get() - atOutage;
      assertThat(duringOutage)
          .as("acknowledged while the database was down")
          .isGreaterThanOrEqualTo(JOURNAL_CAP / 2)
          .isLessThanOrEqualTo(JOURNAL_CAP);

      database.start();
      awaitUntil(() -> api.get("/api/keys", owner).statusCode() == 200);
      long atReturn = acknowledged.get();
      awaitUntil(() -> acknowledged.get() >= atReturn + 20);
    } finally {
      load.shutdown();
      assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    // Nothing lost, nothing doubled: the report (which moves the journal in first) holds every
    // acknowledged request once.
    // The ledger may still wait out its retry delay: the report answers 503 until it has moved in.
    awaitUntil(() -> api.get("/api/usage?groupBy=meter", owner).statusCode() == 200);
    HttpResponse<Buffer> usage = api.get("/api/usage?groupBy=meter", owner);
    long recorded =
        usage.bodyAsJsonObject().getJsonArray("data").stream()
            .map(JsonObject.class::cast)
            .filter(row -> row.getString("meter").equals("requests"))
            .mapToLong(row -> row.getLong("quantity"))
            .sum();
    assertThat(recorded).isEqualTo(acknowledged.get());
    // A request that was not answered 200 was refused as unavailable, never as an error, and was
    // told when to retry.
    assertThat(refused.keySet()).allMatch(status -> status.startsWith("503 "));
    assertThat(withoutRetryAfter.get()).isZero();
  }

  private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within " + PATIENCE);
      }
      Thread.sleep(50);
    }
  }
}
