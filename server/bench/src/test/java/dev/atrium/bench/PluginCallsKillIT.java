package dev.atrium.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.atrium.bench.CrashDatabase.StoredUsage;
import dev.atrium.bench.KeyedCall.Kind;
import dev.atrium.bench.KeyedCall.Outcome;
import dev.atrium.bench.KeyedCall.Result;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server with the real fraud and customer-service archives installed is killed with SIGKILL while
 * an API key's plugin calls are in flight, and started again on the same data, on H2 and on
 * PostgreSQL. The client then retries, with the same {@code Idempotency-Key}, every call it got no
 * answer to. Afterwards, read from the database:
 *
 * <ul>
 *   <li>every call the client saw acknowledged (2xx) is billed exactly once: one {@code requests}
 *       event and one event of the plugin's own meter, all from one attempt, whether it was
 *       answered before the kill, cut off by it and retried, or replayed from its stored answer;
 *   <li>nothing is billed for a call that ended in an error;
 *   <li>the document being ingested at the kill is not left {@code ingesting}: it is failed with a
 *       reason, and ingesting it again works and bills its embedding once;
 *   <li>the fraud features after the restart are exactly what the write-behind stored before the
 *       kill (every payment acknowledged before the last quiet pause included, none counted twice),
 *       and a retried payment the store already held is not counted again.
 * </ul>
 */
final class PluginCallsKillIT {
  private static final List<String> SERVER_JVM = List.of("-Xmx1g");
  private static final int CONCURRENCY = 6;

  /** Acknowledged calls after the quiet pause before the kill comes. */
  private static final int KILL_AFTER_ACKS = 20;

  /** How long a cut-off request holds its key: short, so retries take it over soon. */
  private static final int LOCK_SECONDS = 2;

  private static final Pattern USAGE_KEY = Pattern.compile("idem:(.+)@(\\d+):(.+):(\\d+)");

  private final long began = System.nanoTime();

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @ParameterizedTest
  @EnumSource(CrashDatabase.Kind.class)
  void pluginCallsKilledMidFlightAreBilledOnceAndStateResumesFromTheLastFlush(
      CrashDatabase.Kind kind) throws Exception {
    String only = System.getProperty("atrium.kill-test.only", "");
    assumeTrue(
        only.isEmpty() || only.equalsIgnoreCase(kind.name()),
        "-Datrium.kill-test.only=" + only + " runs this test on that database alone");
    Path dataDir = ScratchDirectories.create("atrium-kill-plugins");
    try (CrashDatabase database = CrashDatabase.create(kind, dataDir)) {
      Map<String, String> environment = new HashMap<>(database.serverEnvironment());
      environment.put("ATRIUM_OPERATOR_EMAIL", BenchTenants.OPERATOR);
      environment.put("ATRIUM_OPERATOR_PASSWORD", BenchTenants.OPERATOR_PASSWORD);
      environment.put("ATRIUM_IDEMPOTENCY_LOCK_SECONDS", Integer.toString(LOCK_SECONDS));

      Map<String, Result> calls = new HashMap<>();
      BenchTenants.BenchTenant tenant;
      Set<String> beforeQuiet;
      try (ServerProcess first = ServerProcess.start(dataDir, environment, SERVER_JVM)) {
        step(kind, "server up");
        tenant = tenantWithPlugins(first.port());
        BenchClient setup = new BenchClient(first.port());
        upload(setup, tenant.key(), "returns", PolicyDocuments.returns());
        setup.awaitDocument(tenant.key(), "returns");

        step(kind, "plugins installed, returns policy ingested");
        PluginTraffic warm = new PluginTraffic(http, tenant.key(), CONCURRENCY, "warm");
        warm.start(first.port());
        awaitAcks(warm, 60);
        warm.awaitIdle();
        calls.putAll(warm.results());
        beforeQuiet = acknowledgedPayments(calls.values());
        step(kind, calls.size() + " calls before the quiet pause");
        // The quiet: the write-behind (every second; an account that keeps changing at most every
        // 5 s) stores everything acknowledged so far.
        Thread.sleep(7_000);

        upload(setup, tenant.key(), "catalogue", PolicyDocuments.catalogue());
        PluginTraffic cut = new PluginTraffic(http, tenant.key(), CONCURRENCY, "cut");
        cut.start(first.port());
        awaitAcks(cut, KILL_AFTER_ACKS);
        assertThat(documentStatus(setup, tenant.key(), "catalogue"))
            .as("the kill comes while the catalogue is being ingested")
            .isEqualTo("ingesting");
        cut.stop(); // nothing new is sent; what is in flight is cut off by the kill
        first.kill();
        cut.awaitIdle();
        calls.putAll(cut.results());
        step(
            kind,
            "killed: "
                + cut.results().size()
                + " calls sent since the quiet pause, "
                + count(calls, Outcome.NO_ANSWER)
                + " cut off");
      }
      assertThat(count(calls, Outcome.NO_ANSWER)).as("calls cut off by the kill").isPositive();

      UUID tenantId = UUID.fromString(tenant.id());
      Map<String, List<String>> stored = database.fraudAccountWindows(tenantId);
      assertStoredWindows(stored, calls, beforeQuiet);
      Set<String> storedPayments =
          stored.values().stream().flatMap(List::stream).collect(Collectors.toSet());
      Set<String> answeredPayments = acknowledgedPayments(calls.values());
      step(
          kind,
          "stored windows hold "
              + storedPayments.size()
              + " payments; acknowledged "
              + answeredPayments.size()
              + ", of which "
              + answeredPayments.stream().filter(id -> !storedPayments.contains(id)).count()
              + " in the last moments before the kill are not stored");

      try (ServerProcess second = ServerProcess.start(dataDir, environment, SERVER_JVM)) {
        step(kind, "restarted on the same data");
        BenchClient setup = new BenchClient(second.port());
        JsonObject catalogue =
            new JsonObject(
                setup.send(
                    "GET", "/v1/customer-service/documents/catalogue", tenant.key(), null, null));
        assertThat(catalogue.getString("status")).as(catalogue.encode()).isEqualTo("failed");
        assertThat(catalogue.getString("error")).contains("interrupted");

        Map<String, Integer> restored = probeAccounts(second.port(), tenant.key(), "probe", calls);
        for (int a = 0; a < PluginTraffic.ACCOUNTS; a++) {
          String account = "acct-" + a;
          assertThat(restored.get(account))
              .as(account + ": the restarted plugin counts exactly the stored window")
              .isEqualTo(stored.getOrDefault(account, List.of()).size() + 1);
        }

        Map<String, Set<String>> rescored = retryUnanswered(second.port(), tenant.key(), calls);
        step(
            kind,
            "retried every cut-off call; payments scored again by a retry: "
                + rescored.values().stream().mapToInt(Set::size).sum());
        replayAcknowledged(second.port(), tenant.key(), calls);

        Map<String, Integer> after = probeAccounts(second.port(), tenant.key(), "again", calls);
        for (int a = 0; a < PluginTraffic.ACCOUNTS; a++) {
          String account = "acct-" + a;
          Set<String> known = new HashSet<>(stored.getOrDefault(account, List.of()));
          known.addAll(rescored.getOrDefault(account, Set.of()));
          assertThat(after.get(account))
              .as(account + ": a retried payment the store held is not counted again")
              .isEqualTo(known.size() + 2);
        }

        // Ingesting the document again works (a short version, to keep the test short).
        upload(setup, tenant.key(), "catalogue", PolicyDocuments.returns());
        setup.awaitDocument(tenant.key(), "catalogue");
        step(kind, "catalogue ingested again");
      }
      try (Stream<Path> left = Files.list(dataDir.resolve("usage-journal"))) {
        assertThat(left.toList())
            .as("a graceful stop (SIGTERM) moves all usage into the database")
            .isEmpty();
      }

      assertBilledOnce(database.usage(tenantId), calls);
      step(kind, "checked the usage of " + calls.size() + " calls");
    }
  }

  private BenchTenants.BenchTenant tenantWithPlugins(int port) throws Exception {
    BenchClient client = new BenchClient(port);
    try (LoadGenerator load = new LoadGenerator(port, 2)) {
      String operator = BenchTenants.operatorToken(load);
      for (String plugin : List.of("fraud", "customer-service")) {
        client.send(
            "POST",
            "/api/admin/plugins",
            operator,
            "application/zip",
            Files.readAllBytes(
                PluginArchives.built(Path.of(System.getProperty("atrium.source.tree")), plugin)));
      }
      BenchTenants.BenchTenant tenant = BenchTenants.unlimited(load, "kill-plugins");
      for (String plugin : List.of("fraud", "customer-service")) {
        client.send(
            "PUT",
            "/api/plugins/" + plugin,
            tenant.ownerToken(),
            "application/json",
            "{\"enabled\": true}".getBytes(StandardCharsets.UTF_8));
      }
      return tenant;
    }
  }

  private static void upload(BenchClient client, String key, String documentId, String markdown)
      throws Exception {
    client.send(
        "POST",
        "/v1/customer-service/documents?fileName=" + documentId + ".md&documentId=" + documentId,
        key,
        "text/markdown",
        markdown.getBytes(StandardCharsets.UTF_8));
  }

  private static String documentStatus(BenchClient client, String key, String documentId)
      throws Exception {
    return new JsonObject(
            client.send("GET", "/v1/customer-service/documents/" + documentId, key, null, null))
        .getString("status");
  }

  private static void awaitAcks(PluginTraffic traffic, int acks) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (traffic.count(Outcome.ACKNOWLEDGED) < acks) {
      assertThat(System.nanoTime()).as("%d calls acknowledged within 60 s", acks).isLessThan(end);
      Thread.sleep(20);
    }
  }

  /** Ids of the payments whose score was acknowledged. */
  private static Set<String> acknowledgedPayments(Iterable<Result> results) {
    Set<String> ids = new HashSet<>();
    for (Result r : results) {
      if (r.call().kind() == Kind.SCORE && r.outcome() == Outcome.ACKNOWLEDGED) {
        ids.add(r.call().body().getString("id"));
      }
    }
    return ids;
  }

  /**
   * The write-behind's guarantee, checked on what it stored before the kill: every account's window
   * holds each payment at most once, only payments the client sent (acknowledged or cut off, never
   * refused ones), and every payment acknowledged before the quiet pause.
   */
  private static void assertStoredWindows(
      Map<String, List<String>> stored, Map<String, Result> calls, Set<String> beforeQuiet) {
    Map<String, Result> byPayment = new HashMap<>();
    calls.values().stream()
        .filter(r -> r.call().account() != null)
        .forEach(r -> byPayment.put(r.call().body().getString("id"), r));
    Set<String> all = new HashSet<>();
    stored.forEach(
        (account, ids) -> {
          assertThat(ids).as(account).doesNotHaveDuplicates();
          for (String id : ids) {
            Result r = byPayment.get(id);
            assertThat(r).as("%s holds %s, a payment never sent", account, id).isNotNull();
            assertThat(r.call().kind()).as(id).isEqualTo(Kind.SCORE);
            assertThat(r.call().account()).as(id).isEqualTo(account);
            assertThat(r.outcome()).as(id).isNotEqualTo(Outcome.REFUSED);
          }
          all.addAll(ids);
        });
    assertThat(all).as("payments acknowledged before the quiet pause").containsAll(beforeQuiet);
  }

  /**
   * Scores a new payment of every account now (after every earlier payment's time) and answers each
   * account's {@code acct_count_24h}: its stored window plus this payment.
   */
  private Map<String, Integer> probeAccounts(
      int port, String key, String phase, Map<String, Result> calls) throws InterruptedException {
    Map<String, Integer> counts = new HashMap<>();
    Instant now = Instant.now();
    for (int a = 0; a < PluginTraffic.ACCOUNTS; a++) {
      String account = "acct-" + a;
      KeyedCall probe =
          PluginTraffic.score(phase + "-" + account, phase + "-pay-" + a, account, now);
      Result r = probe.settle(http, port, key, Duration.ofSeconds(30));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      calls.put(probe.idempotencyKey(), r);
      counts.put(account, r.json().getJsonObject("features").getInteger("acct_count_24h"));
    }
    return counts;
  }

  /**
   * Sends every call that got no answer again, same key and body, until it has a final answer;
   * answers, per account, the payments that were scored by the retry (not replayed).
   */
  private Map<String, Set<String>> retryUnanswered(int port, String key, Map<String, Result> calls)
      throws InterruptedException {
    Map<String, Set<String>> rescored = new HashMap<>();
    List<Result> unanswered =
        calls.values().stream().filter(r -> r.outcome() == Outcome.NO_ANSWER).toList();
    for (Result cut : unanswered) {
      Result r = cut.call().settle(http, port, key, Duration.ofSeconds(LOCK_SECONDS + 30));
      assertThat(r.status())
          .as(cut.call().idempotencyKey() + ": " + r.body())
          .isEqualTo(cut.call().kind() == Kind.BAD_SCORE ? 400 : 200);
      calls.put(cut.call().idempotencyKey(), r);
      if (cut.call().kind() == Kind.SCORE && !r.replayed()) {
        rescored
            .computeIfAbsent(cut.call().account(), a -> new HashSet<>())
            .add(cut.call().body().getString("id"));
      }
    }
    return rescored;
  }

  /** A retry of an acknowledged call gets its stored answer back and is not run again. */
  private void replayAcknowledged(int port, String key, Map<String, Result> calls)
      throws InterruptedException {
    List<Result> acknowledged =
        calls.values().stream()
            .filter(r -> r.outcome() == Outcome.ACKNOWLEDGED && !r.replayed())
            .limit(30)
            .toList();
    for (Result first : acknowledged) {
      Result again = first.call().send(http, port, key);
      assertThat(again.replayed()).as(first.call().idempotencyKey()).isTrue();
      assertThat(again.status()).isEqualTo(first.status());
      assertThat(again.body()).isEqualTo(first.body());
    }
  }

  /**
   * Usage as stored: per idempotency key, the events of one attempt; an acknowledged call has
   * exactly one {@code requests} event and one of its plugin's meter, a refused call none.
   */
  private static void assertBilledOnce(List<StoredUsage> usage, Map<String, Result> calls) {
    Map<String, List<StoredUsage>> byKey = new HashMap<>();
    Map<String, Set<String>> attempts = new HashMap<>();
    long ingestions = 0;
    for (StoredUsage event : usage) {
      Matcher m = USAGE_KEY.matcher(event.idempotencyKey());
      if (m.matches()) {
        byKey.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(event);
        attempts.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(m.group(2));
      } else if (event.idempotencyKey().startsWith("plugin:customer-service:ingest:")) {
        assertThat(event.meter()).isEqualTo("customer-service.embedding_tokens");
        assertThat(event.quantity()).isPositive();
        ingestions++;
      }
    }
    assertThat(calls.keySet()).as("usage of calls never made").containsAll(byKey.keySet());
    List<String> wrong = new ArrayList<>();
    long acknowledged = 0;
    for (Result r : calls.values()) {
      String key = r.call().idempotencyKey();
      List<StoredUsage> events = byKey.getOrDefault(key, List.of());
      if (r.outcome() != Outcome.ACKNOWLEDGED) {
        if (r.outcome() != Outcome.REFUSED || !events.isEmpty()) {
          wrong.add(key + " " + r.outcome() + " " + r.status() + " billed " + events);
        }
        continue;
      }
      acknowledged++;
      String pluginMeter =
          r.call().kind() == Kind.ANSWER
              ? "customer-service.questions_answered"
              : "fraud.transactions_scored";
      Map<String, Long> units =
          events.stream()
              .filter(e -> e.meter().equals(pluginMeter) || e.meter().equals("requests"))
              .collect(Collectors.groupingBy(StoredUsage::meter, Collectors.counting()));
      boolean once =
          attempts.getOrDefault(key, Set.of()).size() == 1
              && units.equals(Map.of("requests", 1L, pluginMeter, 1L))
              && events.stream()
                  .filter(e -> units.containsKey(e.meter()))
                  .allMatch(e -> e.quantity() == 1);
      if (!once) {
        wrong.add(
            key + " acknowledged" + (r.replayed() ? " (replayed)" : "") + ", billed " + events);
      }
    }
    assertThat(wrong).as("calls not billed exactly as acknowledged").isEmpty();
    assertThat(acknowledged).isGreaterThan(KILL_AFTER_ACKS);
    assertThat(ingestions)
        .as("ingestions that finished (returns, catalogue again) bill their embedding once")
        .isEqualTo(2);
  }

  /** Prints how far the test is, for its run time. */
  private void step(CrashDatabase.Kind kind, String what) {
    System.out.printf("%s %5.1f s: %s%n", kind, (System.nanoTime() - began) / 1e9, what);
  }

  private static long count(Map<String, Result> calls, Outcome outcome) {
    return calls.values().stream().filter(r -> r.outcome() == outcome).count();
  }
}
