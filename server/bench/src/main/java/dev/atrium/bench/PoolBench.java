package dev.atrium.bench;

import dev.atrium.bench.LoadGenerator.Call;
import dev.atrium.inference.runner.LoadedModel;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code ./atrium bench pool}: one table, all measured in one run on this machine with the bundled
 * English model and short sentences. (a) one DJL predictor called directly at batch 32; (b) the
 * naive service, one predictor call per request, at concurrency 1, 8, 32, 64; (c) Atrium over HTTP
 * {@code /v1/embeddings}, one sentence per request, at the same concurrencies; (d) fairness: tenant
 * A keeps 500 requests in flight while tenant B sends one at a time; (e) the server's resident
 * memory with both models loaded. The server runs in its own JVM.
 *
 * <p>Argument: seconds per measurement (default 10).
 */
public final class PoolBench {
  private static final int[] CONCURRENCY = {1, 8, 32, 64};
  private static final String MODEL = "all-minilm-l6-v2";
  private static final Duration WARM_UP = Duration.ofSeconds(60);

  private PoolBench() {}

  public static void main(String[] args) throws Exception {
    Duration duration = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 10);
    int cores = Runtime.getRuntime().availableProcessors();
    List<String> corpus = PredictorBaseline.corpus();
    List<String> rows = new ArrayList<>();

    System.out.println("(a, b) one predictor in this JVM...");
    Measurement limit;
    List<Measurement> naive = new ArrayList<>();
    try (LoadedModel<String, float[]> model = PredictorBaseline.loadEnglishModel(cores)) {
      limit = PredictorBaseline.predictorLimit(model, corpus, 32, duration);
      for (int concurrency : CONCURRENCY) {
        naive.add(PredictorBaseline.naiveService(model, corpus, concurrency, duration));
      }
    }

    System.out.println("(c, d, e) Atrium server in its own JVM...");
    try (ServerProcess server =
        ServerProcess.start(
            Map.of(
                "ATRIUM_OPERATOR_EMAIL",
                BenchTenants.OPERATOR,
                "ATRIUM_OPERATOR_PASSWORD",
                BenchTenants.OPERATOR_PASSWORD))) {
      long[] idleMemory = server.residentMebibytes();
      String keyA;
      String keyB;
      try (LoadGenerator setup = new LoadGenerator(server.port(), 1)) {
        keyA = BenchTenants.unlimitedKey(setup, "a");
        keyB = BenchTenants.unlimitedKey(setup, "b");
      }
      // Steady state, not the JIT's warm-up: the server compiles for a while after it starts.
      System.out.printf("warming the server up for %d s...%n", WARM_UP.toSeconds());
      try (LoadGenerator warmUp = new LoadGenerator(server.port(), 32)) {
        warmUp.closedLoop(sentences(corpus, keyA), WARM_UP);
        warmUp.closedLoop(sentences(corpus, keyB), Duration.ofSeconds(2));
      }
      List<LoadResult> http = new ArrayList<>();
      for (int concurrency : CONCURRENCY) {
        try (LoadGenerator load = new LoadGenerator(server.port(), concurrency)) {
          load.closedLoop(sentences(corpus, keyA), Duration.ofSeconds(2));
          http.add(load.closedLoop(sentences(corpus, keyA), duration));
        }
      }
      LoadResult unloaded;
      LoadResult flooded;
      LoadResult flood;
      try (LoadGenerator b = new LoadGenerator(server.port(), 1);
          LoadGenerator a = new LoadGenerator(server.port(), 500)) {
        unloaded = b.closedLoop(sentences(corpus, keyB), duration);
        CompletableFuture<LoadResult> aFlood =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return a.closedLoop(sentences(corpus, keyA), duration.plusSeconds(4));
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                });
        Thread.sleep(2_000);
        flooded = b.closedLoop(sentences(corpus, keyB), duration);
        flood = aFlood.get();
      }
      long[] loadedMemory = server.residentMebibytes();

      System.out.printf(
          "%nAtrium inference pool benchmark: %s, %d cores, %d s per measurement, corpus of %d short sentences%n%n",
          MODEL, cores, duration.toSeconds(), corpus.size());
      System.out.printf(
          "%-52s %6s %12s %9s %9s%n", "setup", "conc.", "sentences/s", "p50 ms", "p99 ms");
      System.out.printf(
          "%-52s %6d %12.0f %9s %9s%n",
          "(a) one predictor, batch 32 (the limit)", 1, limit.sentencesPerSecond(), "-", "-");
      for (Measurement m : naive) {
        System.out.printf(
            "%-52s %6d %12.0f %9.1f %9s%n",
            "(b) naive: one predictor call per request",
            m.concurrency(),
            m.sentencesPerSecond(),
            m.meanCallMillis(),
            "-");
      }
      for (int i = 0; i < CONCURRENCY.length; i++) {
        LoadResult r = http.get(i);
        System.out.printf(
            "%-52s %6d %12.0f %9.1f %9.1f%n",
            "(c) Atrium HTTP /v1/embeddings, 1 sentence/request",
            CONCURRENCY[i],
            r.requestsPerSecond(),
            r.percentileMillis(50),
            r.percentileMillis(99));
      }
      System.out.printf(
          "%-52s %6d %12.0f %9.1f %9.1f%n",
          "(d) tenant B alone",
          1,
          unloaded.requestsPerSecond(),
          unloaded.percentileMillis(50),
          unloaded.percentileMillis(99));
      System.out.printf(
          "%-52s %6d %12.0f %9.1f %9.1f%n",
          "(d) tenant B while A keeps 500 in flight",
          1,
          flooded.requestsPerSecond(),
          flooded.percentileMillis(50),
          flooded.percentileMillis(99));
      System.out.printf(
          "%-52s %6d %12.0f %9.1f %9.1f  (%d refused)%n",
          "(d) tenant A's flood meanwhile",
          500,
          flood.requestsPerSecond(),
          flood.percentileMillis(50),
          flood.percentileMillis(99),
          flood.failed());
      System.out.printf(
          "(e) server resident memory, both models loaded: %d MiB after start, %d MiB after the runs (peak %d MiB)%n",
          idleMemory[0], loadedMemory[0], loadedMemory[1]);

      System.out.println();
      for (int i = 0; i < CONCURRENCY.length; i++) {
        double c = http.get(i).requestsPerSecond();
        System.out.printf(
            "concurrency %2d: Atrium = %5.1f%% of the limit (a), %4.2fx the naive service (b)%n",
            CONCURRENCY[i],
            100 * c / limit.sentencesPerSecond(),
            c / naive.get(i).sentencesPerSecond());
      }
      System.out.printf(
          "fairness: B's p99 under A's flood is %.1fx its unloaded p99 (goal: within 2x)%n",
          flooded.percentileMillis(99) / unloaded.percentileMillis(99));
    }
  }

  /** Requests of one sentence each, cycling through the corpus. */
  private static Supplier<Call> sentences(List<String> corpus, String key) {
    AtomicLong next = new AtomicLong();
    return () -> {
      String sentence = corpus.get((int) (next.getAndIncrement() % corpus.size()));
      return Call.post(
          "/v1/embeddings",
          key,
          new JsonObject().put("input", sentence).put("model", MODEL).encode());
    };
  }
}
