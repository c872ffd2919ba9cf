package dev.atrium.bench;

import dev.atrium.app.AtriumServer;
import dev.atrium.bench.LoadGenerator.Call;
import dev.atrium.config.AtriumConfig;
import java.time.Duration;
import java.util.Map;

/**
 * {@code ./atrium bench request-log}: what writing the request log costs the hot path. Starts two
 * servers (prod profile, embedded H2), one with {@code request-log.enabled=true} and one with it
 * off, and loads {@code GET /v1/me} (API key, admission, durable usage write, and on the first a
 * log line) on each in alternating 2 s slices, closed loop and paced, so that noise hits both
 * alike. Prints req/s and p50/p99 side by side.
 *
 * <p>Arguments: {@code [rate] [concurrency] [seconds]}.
 */
public final class RequestLogBench {
  private RequestLogBench() {}

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    Duration duration = Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 10);
    try (AtriumServer logged = start(true);
        AtriumServer unlogged = start(false);
        LoadGenerator onLogged = new LoadGenerator(logged.port(), concurrency);
        LoadGenerator onUnlogged = new LoadGenerator(unlogged.port(), concurrency)) {
      Call withLog = Call.get("/v1/me", BenchTenants.unlimitedKey(onLogged, "bench"));
      Call withoutLog = Call.get("/v1/me", BenchTenants.unlimitedKey(onUnlogged, "bench"));
      System.out.println("Warming up (JIT, caches)...");
      onLogged.closedLoop(withLog, Duration.ofSeconds(3));
      onUnlogged.closedLoop(withoutLog, Duration.ofSeconds(3));

      LoadResult maxOn = LoadResult.empty();
      LoadResult maxOff = LoadResult.empty();
      LoadResult pacedOn = LoadResult.empty();
      LoadResult pacedOff = LoadResult.empty();
      Duration slice = Duration.ofSeconds(2);
      for (long round = 0; round < Math.max(1, duration.toSeconds() / 2); round++) {
        maxOff = maxOff.plus(onUnlogged.closedLoop(withoutLog, slice));
        maxOn = maxOn.plus(onLogged.closedLoop(withLog, slice));
        pacedOff = pacedOff.plus(onUnlogged.openLoop(withoutLog, rate, slice));
        pacedOn = pacedOn.plus(onLogged.openLoop(withLog, rate, slice));
      }
      System.out.printf(
          "%nAtrium request log benchmark: GET /v1/me, %d cores, concurrency %d, %d s per run%n",
          Runtime.getRuntime().availableProcessors(), concurrency, duration.toSeconds());
      System.out.printf(
          "%-20s %-22s %10s %8s %9s %9s%n",
          "load", "request log", "req/s", "errors", "p50 ms", "p99 ms");
      row("closed loop (max)", "off", maxOff);
      row("closed loop (max)", "on", maxOn);
      row("paced " + rate + "/s", "off", pacedOff);
      row("paced " + rate + "/s", "on", pacedOn);
      System.out.printf(
          "%nWith the log: %.0f%% of the throughput, p99 %+.3f ms flat out, %+.3f ms paced%n",
          100 * maxOn.requestsPerSecond() / maxOff.requestsPerSecond(),
          maxOn.percentileMillis(99) - maxOff.percentileMillis(99),
          pacedOn.percentileMillis(99) - pacedOff.percentileMillis(99));
    }
  }

  private static AtriumServer start(boolean requestLog) throws Exception {
    return AtriumServer.start(
        AtriumConfig.of(
            Map.of(
                "profile",
                "prod",
                "http.host",
                "127.0.0.1",
                "http.port",
                "0",
                "data.dir",
                ScratchDirectories.create("atrium-bench").toString(),
                "operator.email",
                BenchTenants.OPERATOR,
                "operator.password",
                BenchTenants.OPERATOR_PASSWORD,
                "request-log.enabled",
                Boolean.toString(requestLog))));
  }

  private static void row(String load, String log, LoadResult r) {
    System.out.printf(
        "%-20s %-22s %10.0f %8d %9.3f %9.3f%n",
        load,
        log,
        r.requestsPerSecond(),
        r.failed(),
        r.percentileMillis(50),
        r.percentileMillis(99));
  }
}
