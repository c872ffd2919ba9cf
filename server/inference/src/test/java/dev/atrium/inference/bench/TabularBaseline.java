package dev.atrium.inference.bench;

import static java.util.Objects.requireNonNull;

import dev.atrium.inference.tabular.Boosters;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.TabularRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * What a tabular model costs in process, against which scoring through the shared pool (and over
 * HTTP, in a vertical's bench) is judged, on the same rows:
 *
 * <ol>
 *   <li>{@link #boosterBatch}: the raw booster, every row in one call (the limit);
 *   <li>{@link #boosterRowByRow}: the raw booster, one call per row from {@code concurrency}
 *       callers, each with a booster of its own (the naive service);
 *   <li>{@link #pool}: single-row requests through the pool from {@code concurrency} callers, each
 *       sending its next request when the last one is answered; the pool batches what waits.
 * </ol>
 *
 * <p>Give it the bytes a training produced ({@code TrainedModel.bytes()}); print {@link
 * TabularTiming#header()} and each timing's {@link TabularTiming#row()}.
 */
public final class TabularBaseline {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int BATCH_CALLS = 5;

  private final byte[] modelBytes;

  public TabularBaseline(byte[] modelBytes) {
    this.modelBytes = requireNonNull(modelBytes, "modelBytes is null").clone();
  }

  /**
   * Every row in one call of a booster computing on one thread, {@value #BATCH_CALLS} times after
   * one call to warm up.
   */
  public TabularTiming boosterBatch(List<float[]> rows) throws XGBoostError {
    int features = rows.getFirst().length;
    float[] values = new float[rows.size() * features];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r), 0, values, r * features, features);
    }
    Booster booster = Boosters.load(modelBytes, 1);
    try {
      Boosters.predict(booster, values, rows.size(), features);
      long[] calls = new long[BATCH_CALLS];
      long start = System.nanoTime();
      for (int i = 0; i < BATCH_CALLS; i++) {
        long begin = System.nanoTime();
        Boosters.predict(booster, values, rows.size(), features);
        calls[i] = System.nanoTime() - begin;
      }
      return TabularTiming.of(
          "booster, one call for all rows",
          1,
          BATCH_CALLS * rows.size(),
          System.nanoTime() - start,
          calls);
    } finally {
      booster.dispose();
    }
  }

  /** One booster call per row, from {@code concurrency} callers with a booster each. */
  public TabularTiming boosterRowByRow(List<float[]> rows, int concurrency)
      throws XGBoostError, InterruptedException {
    List<Booster> boosters = new ArrayList<>();
    try {
      for (int c = 0; c < concurrency; c++) {
        boosters.add(Boosters.load(modelBytes, 1));
      }
      return callers(
          "booster, one call per row",
          rows,
          concurrency,
          (caller, row) -> Boosters.predict(boosters.get(caller), row, 1, row.length));
    } finally {
      boosters.forEach(Booster::dispose);
    }
  }

  /**
   * Every row as a single-row request of {@code tenantId} to {@code modelId} through {@code pool},
   * from {@code concurrency} callers at once.
   */
  public static TabularTiming pool(
      InferenceClient pool,
      String modelId,
      String tenantId,
      List<float[]> rows,
      int concurrency,
      boolean explain)
      throws InterruptedException {
    return callers(
        "pool, one row per request" + (explain ? ", explained" : ""),
        rows,
        concurrency,
        (caller, row) ->
            pool.score(TabularRequest.of(tenantId, modelId, List.of(row), explain, TIMEOUT))
                .toCompletionStage()
                .toCompletableFuture()
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
  }

  /** One scoring of one row by caller number {@code caller}. */
  @FunctionalInterface
  private interface RowCall {
    void score(int caller, float[] row) throws Exception;
  }

  /** Runs {@code call} on every row from {@code concurrency} threads, timing each call. */
  private static TabularTiming callers(
      String setup, List<float[]> rows, int concurrency, RowCall call) throws InterruptedException {
    long[] calls = new long[rows.size()];
    AtomicInteger next = new AtomicInteger();
    List<Exception> failures = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(concurrency);
    long start = System.nanoTime();
    for (int c = 0; c < concurrency; c++) {
      int caller = c;
      Thread.ofPlatform()
          .name("tabular-bench-caller-" + c)
          .start(
              () -> {
                try {
                  for (int r = next.getAndIncrement();
                      r < rows.size();
                      r = next.getAndIncrement()) {
                    long begin = System.nanoTime();
                    call.score(caller, rows.get(r));
                    calls[r] = System.nanoTime() - begin;
                  }
                } catch (Exception e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                } finally {
                  done.countDown();
                }
              });
    }
    done.await();
    long nanos = System.nanoTime() - start;
    if (!failures.isEmpty()) {
      throw new IllegalStateException(setup + " failed", failures.getFirst());
    }
    return TabularTiming.of(setup, concurrency, rows.size(), nanos, calls);
  }
}
