package dev.atrium.bench;

import dev.atrium.inference.catalog.BundledModels;
import dev.atrium.inference.catalog.CatalogConfig;
import dev.atrium.inference.catalog.ModelSpec;
import dev.atrium.inference.embedding.OnnxEmbeddingLoader;
import dev.atrium.inference.runner.LoadedModel;
import dev.atrium.inference.runner.ModelRunner;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baselines the pool is judged against, on the bundled English model (all-minilm-l6-v2, int8)
 * and a fixed corpus of 200 short English sentences:
 *
 * <ol>
 *   <li>the limit: one DJL predictor called directly with batches of 32;
 *   <li>the naive service: one model call per request (batch 1), each calling thread owning its own
 *       predictor over one shared ONNX Runtime session (intra-op threads = cores), at concurrency
 *       1, 8, 32 and 64.
 * </ol>
 *
 * <p>The measurement methods are public so a combined bench can add its own rows. Run: {@code java
 * -cp <classpath> dev.atrium.inference.bench.PredictorBaseline [seconds per row]}.
 */
public final class PredictorBaseline {

  private static final int[] CONCURRENCY = {1, 8, 32, 64};
  private static final int WARM_UP_CALLS = 20;

  private PredictorBaseline() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    Duration perRow = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 5);
    List<String> corpus = corpus();
    int cores = Runtime.getRuntime().availableProcessors();
    try (LoadedModel<String, float[]> model = loadEnglishModel(cores)) {
      System.out.printf(
          "%s on %d cores, %d sentences, %s per row%n",
          BundledModels.ENGLISH, cores, corpus.size(), perRow);
      System.out.println(Measurement.header());
      System.out.println(predictorLimit(model, corpus, 32, perRow).row());
      for (int concurrency : CONCURRENCY) {
        System.out.println(naiveService(model, corpus, concurrency, perRow).row());
      }
    }
  }

  /** The fixed bench corpus: 200 short English sentences from {@code bench/sentences.txt}. */
  public static List<String> corpus() throws IOException {
    try (InputStream in = PredictorBaseline.class.getResourceAsStream("/bench/sentences.txt")) {
      if (in == null) {
        throw new IOException("bench/sentences.txt is not on the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return reader.lines().filter(line -> !line.isBlank()).toList();
    }
  }

  /** The bundled English model on the CPU, each model call allowed {@code intraOpThreads}. */
  public static LoadedModel<String, float[]> loadEnglishModel(int intraOpThreads) throws Exception {
    ModelSpec spec =
        CatalogConfig.parse(new JsonObject()).models().stream()
            .filter(m -> m.id().equals(BundledModels.ENGLISH))
            .findFirst()
            .orElseThrow();
    return new OnnxEmbeddingLoader().load(spec, "cpu", intraOpThreads);
  }

  /** One predictor, one thread, batches of {@code batchSize} sentences, for {@code duration}. */
  public static Measurement predictorLimit(
      LoadedModel<String, float[]> model, List<String> corpus, int batchSize, Duration duration)
      throws Exception {
    try (ModelRunner<String, float[]> runner = model.newRunner()) {
      Counter counter = new Counter();
      run(runner, corpus, batchSize, 0, WARM_UP_CALLS, null);
      long start = System.nanoTime();
      run(runner, corpus, batchSize, 0, Long.MAX_VALUE, counter.until(start + duration.toNanos()));
      return counter.measurement(
          "predictor direct, batch " + batchSize, 1, batchSize, System.nanoTime() - start);
    }
  }

  /**
   * {@code concurrency} threads, each with its own predictor, each embedding one sentence per call,
   * for {@code duration}.
   */
  public static Measurement naiveService(
      LoadedModel<String, float[]> model, List<String> corpus, int concurrency, Duration duration)
      throws Exception {
    List<ModelRunner<String, float[]>> runners = new ArrayList<>();
    try {
      for (int i = 0; i < concurrency; i++) {
        runners.add(model.newRunner());
      }
      Counter counter = new Counter();
      CountDownLatch ready = new CountDownLatch(concurrency);
      CountDownLatch go = new CountDownLatch(1);
      AtomicLong startNanos = new AtomicLong();
      List<Thread> threads = new ArrayList<>();
      List<Exception> failures = new ArrayList<>();
      for (int i = 0; i < concurrency; i++) {
        ModelRunner<String, float[]> runner = runners.get(i);
        int offset = i * 7;
        threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      try {
                        run(runner, corpus, 1, offset, WARM_UP_CALLS, null);
                        ready.countDown();
                        go.await();
                        run(runner, corpus, 1, offset, Long.MAX_VALUE, counter);
                      } catch (Exception e) {
                        synchronized (failures) {
                          failures.add(e);
                        }
                      }
                    }));
      }
      ready.await();
      startNanos.set(System.nanoTime());
      counter.until(startNanos.get() + duration.toNanos());
      go.countDown();
      for (Thread thread : threads) {
        thread.join();
      }
      if (!failures.isEmpty()) {
        throw failures.getFirst();
      }
      return counter.measurement(
          "naive service, predictor per thread",
          concurrency,
          1,
          System.nanoTime() - startNanos.get());
    } finally {
      runners.forEach(ModelRunner::close);
    }
  }

  /** Calls the runner with consecutive corpus slices until {@code calls} or the counter's end. */
  private static void run(
      ModelRunner<String, float[]> runner,
      List<String> corpus,
      int batchSize,
      int offset,
      long calls,
      Counter counter)
      throws Exception {
    int next = offset;
    for (long call = 0; call < calls; call++) {
      List<String> batch = new ArrayList<>(batchSize);
      for (int i = 0; i < batchSize; i++) {
        batch.add(corpus.get(next++ % corpus.size()));
      }
      long start = System.nanoTime();
      runner.run(batch);
      long end = System.nanoTime();
      if (counter != null && !counter.record(batchSize, end - start, end)) {
        return;
      }
    }
  }

  /** Sentences and call times recorded until an end instant, shared by the measuring threads. */
  private static final class Counter {
    private final AtomicLong sentences = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong callNanos = new AtomicLong();
    private volatile long endNanos = Long.MAX_VALUE;

    Counter until(long end) {
      endNanos = end;
      return this;
    }

    /** Records a call that finished at {@code now}; false once the interval is over. */
    boolean record(int batch, long nanos, long now) {
      if (now > endNanos) {
        return false;
      }
      sentences.addAndGet(batch);
      calls.incrementAndGet();
      callNanos.addAndGet(nanos);
      return true;
    }

    Measurement measurement(String setup, int concurrency, int batchSize, long elapsedNanos) {
      long n = calls.get();
      return new Measurement(
          setup,
          concurrency,
          batchSize,
          sentences.get(),
          elapsedNanos / 1e9,
          n == 0 ? 0 : callNanos.get() / 1e6 / n);
    }
  }
}
