package dev.atrium.app.bench;

import dev.atrium.app.AtriumServer;
import dev.atrium.app.bench.LoadGenerator.Call;
import dev.atrium.app.config.AtriumConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code ./atrium bench auth}: the cost of API-key authentication. Starts a server (prod profile,
 * embedded H2, temporary data dir), creates a tenant and key, then loads {@code GET /v1/me} (API
 * key) and {@code GET /health/live} (no authentication) at the same concurrency: first paced at a
 * fixed rate (default 2000/s), then flat out. Prints one table.
 *
 * <p>Arguments: {@code [rate] [concurrency] [seconds]}.
 */
public final class AuthBench {
  private AuthBench() {}

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    Duration duration = Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 10);
    Path dataDir = Files.createTempDirectory("atrium-bench");
    AtriumConfig config =
        AtriumConfig.of(
            Map.of(
                "profile",
                "prod",
                "http.host",
                "127.0.0.1",
                "http.port",
                "0",
                "data.dir",
                dataDir.toString()));
    try (AtriumServer server = AtriumServer.start(config);
        LoadGenerator load = new LoadGenerator(server.port(), concurrency)) {
      String key = createTenantAndKey(load);
      Call open = Call.get("/health/live", null);
      Call me = Call.get("/v1/me", key);
      System.out.println("Warming up (JIT, caches)...");
      load.closedLoop(open, Duration.ofSeconds(3));
      load.closedLoop(me, Duration.ofSeconds(3));

      // Alternate short runs of both routes so that noise (GC, other processes) hits both alike.
      LoadResult openPaced = LoadResult.empty();
      LoadResult mePaced = LoadResult.empty();
      LoadResult openMax = LoadResult.empty();
      LoadResult meMax = LoadResult.empty();
      Duration slice = Duration.ofSeconds(2);
      for (long round = 0; round < Math.max(1, duration.toSeconds() / 2); round++) {
        openPaced = openPaced.plus(load.openLoop(open, rate, slice));
        mePaced = mePaced.plus(load.openLoop(me, rate, slice));
        openMax = openMax.plus(load.closedLoop(open, slice));
        meMax = meMax.plus(load.closedLoop(me, slice));
      }

      System.out.printf(
          "%nAtrium auth benchmark: %d cores, concurrency %d, %d s per run%n",
          Runtime.getRuntime().availableProcessors(), concurrency, duration.toSeconds());
      System.out.printf(
          "%-26s %-28s %10s %8s %9s %9s %9s%n",
          "load", "route", "req/s", "errors", "p50 ms", "p99 ms", "p99.9 ms");
      row("paced " + rate + "/s", "GET /health/live (no auth)", openPaced);
      row("paced " + rate + "/s", "GET /v1/me (API key)", mePaced);
      row("closed loop (max)", "GET /health/live (no auth)", openMax);
      row("closed loop (max)", "GET /v1/me (API key)", meMax);
      System.out.printf(
          "%nAPI-key authentication overhead at %d/s: p50 %+.3f ms, p99 %+.3f ms (goal: p99 under 1 ms)%n",
          rate,
          mePaced.percentileMillis(50) - openPaced.percentileMillis(50),
          mePaced.percentileMillis(99) - openPaced.percentileMillis(99));
      System.out.printf(
          "Flat-out throughput: /v1/me reaches %.0f%% of the no-op route%n",
          100 * meMax.requestsPerSecond() / openMax.requestsPerSecond());
    }
  }

  private static void row(String load, String route, LoadResult r) {
    System.out.printf(
        "%-26s %-28s %10.0f %8d %9.3f %9.3f %9.3f%n",
        load,
        route,
        r.requestsPerSecond(),
        r.failed(),
        r.percentileMillis(50),
        r.percentileMillis(99),
        r.percentileMillis(99.9));
  }

  private static String createTenantAndKey(LoadGenerator load) {
    JsonObject signup =
        load.fetchJson(
            Call.post(
                "/api/auth/signup",
                null,
                new JsonObject()
                    .put("tenant", "Bench")
                    .put("email", "bench@example.com")
                    .put("password", "bench password")
                    .encode()));
    JsonObject key =
        load.fetchJson(
            Call.post(
                "/api/keys",
                signup.getString("token"),
                new JsonObject().put("name", "bench").encode()));
    return key.getString("key");
  }
}
