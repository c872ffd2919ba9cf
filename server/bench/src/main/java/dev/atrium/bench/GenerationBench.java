package dev.atrium.bench;

import dev.atrium.bench.LoadGenerator.Call;
import dev.atrium.inference.catalog.ArtifactSource;
import dev.atrium.inference.catalog.BundledModels;
import dev.atrium.inference.catalog.CatalogConfig;
import dev.atrium.inference.catalog.ModelSpec;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ./atrium bench generation}: one table, all measured in one run on this machine with the
 * bundled tiny story model and one fixed prompt. (a) llama.cpp driven in-process, no HTTP, at
 * concurrency 1, 4, 8, 16 for each slot count 1, 2, 4, 8, 16 (a stream per thread; llama.cpp queues
 * what exceeds its slots): aggregate tokens/s and time to first token; (b) Atrium over HTTP,
 * streamed {@code /v1/completions} with the same prompt and {@code max_tokens}, at the same
 * concurrencies; (c) fairness: tenant B's time to first token alone and while tenant A keeps 16
 * long generations running. The server runs in its own JVM with its default settings, or what
 * {@code ATRIUM_*} variables set (e.g. {@code ATRIUM_INFERENCE_CATALOG_FILE} to try another slot
 * count). Each concurrency's (a) and (b) run back to back, so that both meet the same neighbours.
 *
 * <p>Arguments: {@code [seconds per measurement, default 4] [tokens per generation, default 128]}.
 * {@code sweep <model.gguf> [seconds] [tokens]} runs (a) alone on any GGUF file: what decides the
 * slot count ({@code max_workers}) of that model's pool on this machine.
 */
public final class GenerationBench {
  private static final int[] CONCURRENCY = {1, 4, 8, 16};
  private static final int[] SLOTS = {1, 2, 4, 8, 16};
  private static final String MODEL = BundledModels.STORIES;
  private static final String PROMPT = "Once upon a time, there was a little girl named Lily.";

  /** Tenant A's generations in flight during (c)... */
  private static final int FLOOD = 16;

  /** ...each this many times as long as a generation of (a) and (b). */
  private static final int FLOOD_LENGTH = 2;

  /** Tenant B asks for a few tokens only: (c) measures its time to first token. */
  private static final int PROBE_TOKENS = 8;

  private static final Duration SERVER_WARM_UP = Duration.ofSeconds(20);
  private static final Duration B_WARM_UP = Duration.ofSeconds(1);

  private GenerationBench() {}

  public static void main(String[] args) {
    int status = 0;
    try {
      run(args);
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    }
    // llama.cpp leaves a native thread behind that keeps the JVM alive after close().
    System.exit(status);
  }

  private static void run(String[] args) throws Exception {
    boolean sweepOnly = args.length > 0 && args[0].equals("sweep");
    if (sweepOnly && args.length < 2) {
      throw new IllegalArgumentException("usage: sweep <model.gguf> [seconds] [tokens]");
    }
    int first = sweepOnly ? 2 : 0;
    Duration cell = Duration.ofSeconds(args.length > first ? Integer.parseInt(args[first]) : 4);
    int tokens = args.length > first + 1 ? Integer.parseInt(args[first + 1]) : 128;
    // The server's default catalog entry of the bundled model: its file and context per request.
    ModelSpec bundled =
        CatalogConfig.parse(new JsonObject()).models().stream()
            .filter(m -> m.id().equals(MODEL))
            .findFirst()
            .orElseThrow();
    int contextPerSlot = bundled.generation().orElseThrow().contextLength();
    Path gguf = sweepOnly ? Path.of(args[1]) : new ArtifactSource(bundled.artifact()).file("");
    if (!Files.isRegularFile(gguf)) {
      throw new NoSuchFileException(gguf.toAbsolutePath().toString());
    }
    if (sweepOnly) {
      List<String> loads = new ArrayList<>();
      StreamingResult[][] raw = new StreamingResult[CONCURRENCY.length][];
      for (int c = 0; c < CONCURRENCY.length; c++) {
        loads.add(announce("concurrency " + CONCURRENCY[c]));
        raw[c] = sweep(gguf, contextPerSlot, CONCURRENCY[c], tokens, cell);
      }
      header(gguf.toString(), cell, tokens);
      for (int c = 0; c < CONCURRENCY.length; c++) {
        rawRows(raw[c], CONCURRENCY[c], loads.get(c));
      }
      for (int c = 0; c < CONCURRENCY.length; c++) {
        int best = best(raw[c]);
        System.out.printf(
            "concurrency %2d: best %d slot(s) at %4.0f tokens/s%n",
            CONCURRENCY[c], SLOTS[best], raw[c][best].tokensPerSecond());
      }
      return;
    }

    List<String> loads = new ArrayList<>();
    StreamingResult[][] raw = new StreamingResult[CONCURRENCY.length][];
    StreamingResult[] http = new StreamingResult[CONCURRENCY.length];
    List<String> failures = new ArrayList<>();
    StreamingResult alone;
    StreamingResult flooded;
    StreamingResult flood;
    String atriumSlots;
    announce("starting the Atrium server in its own JVM");
    try (ServerProcess server =
        ServerProcess.start(
            Map.of(
                "ATRIUM_OPERATOR_EMAIL",
                BenchTenants.OPERATOR,
                "ATRIUM_OPERATOR_PASSWORD",
                BenchTenants.OPERATOR_PASSWORD))) {
      String keyA;
      String keyB;
      try (LoadGenerator setup = new LoadGenerator(server.port(), 1)) {
        keyA = BenchTenants.unlimitedKey(setup, "a");
        keyB = BenchTenants.unlimitedKey(setup, "b");
        atriumSlots = slots(setup);
      }
      System.out.printf("warming the server up for %d s...%n", SERVER_WARM_UP.toSeconds());
      try (LoadGenerator warmUp = new LoadGenerator(server.port(), 4)) {
        new StreamedCompletions(warmUp, keyA, MODEL, PROMPT, tokens).closedLoop(SERVER_WARM_UP);
        new StreamedCompletions(warmUp, keyB, MODEL, PROMPT, tokens).closedLoop(B_WARM_UP);
      }
      for (int c = 0; c < CONCURRENCY.length; c++) {
        loads.add(announce("concurrency " + CONCURRENCY[c] + ": llama.cpp in this JVM, then HTTP"));
        raw[c] = sweep(gguf, contextPerSlot, CONCURRENCY[c], tokens, cell);
        try (LoadGenerator load = new LoadGenerator(server.port(), CONCURRENCY[c])) {
          StreamedCompletions completions =
              new StreamedCompletions(load, keyA, MODEL, PROMPT, tokens);
          http[c] = completions.closedLoop(cell);
          noteFailure(failures, "(b) concurrency " + CONCURRENCY[c], completions);
        }
      }

      loads.add(announce("fairness"));
      Duration probe = cell.multipliedBy(2);
      try (LoadGenerator b = new LoadGenerator(server.port(), 1);
          LoadGenerator a = new LoadGenerator(server.port(), FLOOD)) {
        StreamedCompletions probes = new StreamedCompletions(b, keyB, MODEL, PROMPT, PROBE_TOKENS);
        StreamedCompletions longOnes =
            new StreamedCompletions(a, keyA, MODEL, PROMPT, FLOOD_LENGTH * tokens);
        alone = probes.closedLoop(probe);
        CompletableFuture<StreamingResult> aFlood =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return longOnes.closedLoop(probe.plusSeconds(2));
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                });
        // A's 16 streams start and reach their slots before B is measured.
        Thread.sleep(2_000);
        flooded = probes.closedLoop(probe);
        flood = aFlood.get();
        noteFailure(failures, "(c) tenant B", probes);
        noteFailure(failures, "(c) tenant A", longOnes);
      }
    }

    header(MODEL + " (" + bundled.artifact() + ")", cell, tokens);
    for (int c = 0; c < CONCURRENCY.length; c++) {
      rawRows(raw[c], CONCURRENCY[c], loads.get(c));
      row("(b) Atrium HTTP /v1/completions, streamed", atriumSlots, CONCURRENCY[c], http[c]);
    }
    System.out.printf("%n(load average %s before)%n", loads.get(CONCURRENCY.length));
    row("(c) tenant B alone, " + PROBE_TOKENS + " tokens a request", atriumSlots, 1, alone);
    row("(c) tenant B while A keeps " + FLOOD + " generating", atriumSlots, 1, flooded);
    row("(c) tenant A's long generations meanwhile", atriumSlots, FLOOD, flood);
    failures.forEach(System.out::println);
    System.out.println(
        "(b, c) slots: the server's regular slots as GET /api/admin/pool reports them; its express"
            + " slots come on top.");

    System.out.println();
    for (int c = 0; c < CONCURRENCY.length; c++) {
      int best = best(raw[c]);
      System.out.printf(
          "concurrency %2d: Atrium %4.0f tokens/s = %5.1f%% of the best raw, %d slot(s) at %4.0f"
              + " tokens/s (goal: at least 90%%)%n",
          CONCURRENCY[c],
          http[c].tokensPerSecond(),
          100 * http[c].tokensPerSecond() / raw[c][best].tokensPerSecond(),
          SLOTS[best],
          raw[c][best].tokensPerSecond());
    }
    System.out.printf(
        "fairness: B's p99 time to first token under A's flood is %.1fx its unloaded p99"
            + " (goal: within 2x)%n",
        flooded.firstToken().percentileMillis(99) / alone.firstToken().percentileMillis(99));
  }

  /**
   * (a) at one concurrency: {@code gguf} loaded afresh with each slot count, warmed up, measured.
   */
  private static StreamingResult[] sweep(
      Path gguf, int contextPerSlot, int concurrency, int tokens, Duration cell)
      throws InterruptedException {
    StreamingResult[] results = new StreamingResult[SLOTS.length];
    for (int s = 0; s < SLOTS.length; s++) {
      try (LlamaBaseline llama = LlamaBaseline.load(gguf, SLOTS[s], contextPerSlot)) {
        // Warm-up: one generation on each slot this concurrency uses.
        llama.closedLoop(PROMPT, tokens, Math.min(concurrency, SLOTS[s]), Duration.ZERO);
        results[s] = llama.closedLoop(PROMPT, tokens, concurrency, cell);
      }
    }
    return results;
  }

  /** Says what runs now and answers the machine's load average at that moment. */
  private static String announce(String part) {
    String load =
        String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf("%s (load average %s)...%n", part, load);
    return load;
  }

  private static void noteFailure(List<String> failures, String part, StreamedCompletions calls) {
    if (calls.firstFailure() != null) {
      failures.add(part + ", first failure: " + calls.firstFailure());
    }
  }

  /**
   * The server's regular slots of the bundled model, as its pool reports them (its express slots,
   * kept for tenants with nothing generating, come on top and are not in the report).
   */
  private static String slots(LoadGenerator load) {
    return load
        .fetchJson(Call.get("/api/admin/pool", BenchTenants.operatorToken(load)))
        .getJsonArray("pools")
        .stream()
        .map(JsonObject.class::cast)
        .filter(pool -> pool.getString("model").equals(MODEL))
        .findFirst()
        .orElseThrow()
        .getInteger("maxWorkers")
        .toString();
  }

  /** The index of the slot count with the most tokens/s. */
  private static int best(StreamingResult[] sweep) {
    int best = 0;
    for (int s = 1; s < SLOTS.length; s++) {
      if (sweep[s].tokensPerSecond() > sweep[best].tokensPerSecond()) {
        best = s;
      }
    }
    return best;
  }

  private static void header(String model, Duration cell, int tokens) {
    System.out.printf(
        "%nAtrium generation benchmark: %s, %d cores, %d s per measurement, %d tokens per"
            + " generation, prompt \"%s\"%n",
        model, Runtime.getRuntime().availableProcessors(), cell.toSeconds(), tokens, PROMPT);
    System.out.printf(
        "%n%-46s %5s %5s %9s %8s %9s %9s %7s%n",
        "setup", "slots", "conc.", "tokens/s", "tok/req", "TTFT p50", "p99 ms", "failed");
  }

  private static void rawRows(StreamingResult[] sweep, int concurrency, String load) {
    System.out.printf("%n(load average %s before)%n", load);
    for (int s = 0; s < SLOTS.length; s++) {
      row("(a) llama.cpp in-process, no HTTP", Integer.toString(SLOTS[s]), concurrency, sweep[s]);
    }
  }

  private static void row(String setup, String slots, int concurrency, StreamingResult r) {
    System.out.printf(
        "%-46s %5s %5d %9.0f %8.1f %9.1f %9.1f %7d%n",
        setup,
        slots,
        concurrency,
        r.tokensPerSecond(),
        r.tokensPerRequest(),
        r.firstToken().percentileMillis(50),
        r.firstToken().percentileMillis(99),
        r.firstToken().failed());
  }
}
