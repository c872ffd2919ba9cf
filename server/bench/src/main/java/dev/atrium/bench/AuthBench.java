package dev.atrium.bench;

import dev.atrium.app.AtriumServer;
import dev.atrium.bench.LoadGenerator.Call;
import dev.atrium.config.AtriumConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code ./atrium bench auth}: the cost of API-key authentication. Starts a server (prod profile,
 * embedded H2, temporary data dir), creates a tenant and key, then loads {@code GET /v1/me} (API
 * key) and {@code GET /health/live} (no authentication) at the same concurrency: first paced at a
 * fixed rate (default 2000/s), then flat out. Prints one table. Other server settings come from the
 * environment ({@link BenchConfig}).
 *
 * <p>Arguments: {@code [rate] [concurrency] [seconds]}.
 */
public final class AuthBench {
  private AuthBench() {}

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    Duration duration = Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 10);
    Path dataDir = ScratchDirectories.create("atrium-bench");
    AtriumConfig config =
        BenchConfig.of(
            Map.of(
                "profile",
                "prod",
                "http.host",
                "127.0.0.1",
                "http.port",
                "0",
                "data.dir",
                dataDir.toString(),
                "operator.email",
                BenchTenants.OPERATOR,
                "operator.password",
                BenchTenants.OPERATOR_PASSWORD));
    try (AtriumServer server = AtriumServer.start(config);
        LoadGenerator load = new LoadGenerator(server.port(), concurrency)) {
      String key = BenchTenants.unlimitedKey(load, "bench");
      Call open = Call.get("/health/live", null);
      // /v1/models: API-key authentication and admission (rate limits, concurrency), not metered.
      Call authed = Call.get("/v1/models", key);
      // /v1/me: the same, plus its request durably written to the usage ledger before the reply.
      Call metered = Call.get("/v1/me", key);
      System.out.println("Warming up (JIT, caches)...");
      for (Call call : List.of(open, authed, metered)) {
        load.closedLoop(call, Duration.ofSeconds(3));
      }

      // Alternate short runs of the routes so that noise (GC, other processes) hits all alike.
      LoadResult openPaced = LoadResult.empty();
      LoadResult authedPaced = LoadResult.empty();
      LoadResult openMax = LoadResult.empty();
      LoadResult authedMax = LoadResult.empty();
      LoadResult meteredMax = LoadResult.empty();
      Duration slice = Duration.ofSeconds(2);
      for (long round = 0; round < Math.max(1, duration.toSeconds() / 2); round++) {
        openPaced = openPaced.plus(load.openLoop(open, rate, slice));
        authedPaced = authedPaced.plus(load.openLoop(authed, rate, slice));
        openMax = openMax.plus(load.closedLoop(open, slice));
        authedMax = authedMax.plus(load.closedLoop(authed, slice));
        meteredMax = meteredMax.plus(load.closedLoop(metered, slice));
      }

      System.out.printf(
          "%nAtrium auth benchmark: %d cores, concurrency %d, %d s per run%n",
          Runtime.getRuntime().availableProcessors(), concurrency, duration.toSeconds());
      System.out.printf(
          "%-20s %-44s %10s %8s %9s %9s %9s%n",
          "load", "route", "req/s", "errors", "p50 ms", "p99 ms", "p99.9 ms");
      row("paced " + rate + "/s", "GET /health/live (no auth)", openPaced);
      row("paced " + rate + "/s", "GET /v1/models (API key + admission)", authedPaced);
      row("closed loop (max)", "GET /health/live (no auth)", openMax);
      row("closed loop (max)", "GET /v1/models (API key + admission)", authedMax);
      row("closed loop (max)", "GET /v1/me (API key + admission + metering)", meteredMax);
      System.out.printf(
          "%nAPI-key authentication + admission overhead at %d/s: p50 %+.3f ms, p99 %+.3f ms"
              + " (goal: p99 under 1 ms)%n",
          rate,
          authedPaced.percentileMillis(50) - openPaced.percentileMillis(50),
          authedPaced.percentileMillis(99) - openPaced.percentileMillis(99));
      System.out.printf(
          "Flat out: authenticated %.0f%% of the no-op route; with the durable usage write %.0f%%%n",
          100 * authedMax.requestsPerSecond() / openMax.requestsPerSecond(),
          100 * meteredMax.requestsPerSecond() / openMax.requestsPerSecond());
    }
  }

  private static void row(String load, String route, LoadResult r) {
    System.out.printf(
        "%-20s %-44s %10.0f %8d %9.3f %9.3f %9.3f%n",
        load,
        route,
        r.requestsPerSecond(),
        r.failed(),
        r.percentileMillis(50),
        r.percentileMillis(99),
        r.percentileMillis(99.9));
  }
}
