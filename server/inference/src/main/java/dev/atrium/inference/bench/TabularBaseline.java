package dev.atrium.inference.bench;

import static java.util.Objects.requireNonNull;

import dev.atrium.inference.tabular.Boosters;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.TabularRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
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
 *   <li>{@link #boosterRowByRow}: the raw booster, one call per row (the naive service);
 *   <li>{@link #pool}: single-row requests through the pool from {@code concurrency} callers, each
 *       sending its next request when the last one is answered; the pool batches what waits.
 * </ol>
 *
 * <p>Load the model with the bytes a training produced ({@code TrainedModel.bytes()}), print {@link
 * TabularTiming#header()} and each timing's {@link TabularTiming#row()}.
 */
public final class TabularBaseline implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Booster booster;

  /** The raw booster of {@code modelBytes}, computing on one thread per call. */
  public TabularBaseline(byte[] modelBytes) throws XGBoostError {
    this.booster = Boosters.load(requireNonNull(modelBytes, "modelBytes is null"), 1);
  }

  /** Every row in one call of the booster. */
  public TabularTiming boosterBatch(List<float[]> rows) throws XGBoostError {
    int features = rows.getFirst().length;
    float[] values = new float[rows.size() * features];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r), 0, values, r * features, features);
    }
    long start = System.nanoTime();
    Boosters.predict(booster, values, rows.size(), features);
    long nanos = System.nanoTime() - start;
    return TabularTiming.of(
        "booster, one call for all rows", 1, rows.size(), nanos, new long[] {nanos});
  }

  /** One call of the booster per row, from one thread. */
  public TabularTiming boosterRowByRow(List<float[]> rows) throws XGBoostError {
    long[] calls = new long[rows.size()];
    long start = System.nanoTime();
    for (int r = 0; r < rows.size(); r++) {
      long call = System.nanoTime();
      float[] row = rows.get(r);
      Boosters.predict(booster, row, 1, row.length);
      calls[r] = System.nanoTime() - call;
    }
    return TabularTiming.of(
        "booster, one call per row", 1, rows.size(), System.nanoTime() - start, calls);
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
    long[] calls = new long[rows.size()];
    AtomicInteger next = new AtomicInteger();
    List<Throwable> failures = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(concurrency);
    long start = System.nanoTime();
    for (int c = 0; c < concurrency; c++) {
      Thread.ofPlatform()
          .name("tabular-bench-caller-" + c)
          .start(
              () -> {
                try {
                  for (int r = next.getAndIncrement();
                      r < rows.size();
                      r = next.getAndIncrement()) {
                    long call = System.nanoTime();
                    pool.score(
                            TabularRequest.of(
                                tenantId, modelId, List.of(rows.get(r)), explain, TIMEOUT))
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    calls[r] = System.nanoTime() - call;
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
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
      throw new IllegalStateException("scoring through the pool failed", failures.getFirst());
    }
    return TabularTiming.of(
        "pool, one row per request" + (explain ? ", explained" : ""),
        concurrency,
        rows.size(),
        nanos,
        calls);
  }

  @Override
  public void close() {
    booster.dispose();
  }
}
