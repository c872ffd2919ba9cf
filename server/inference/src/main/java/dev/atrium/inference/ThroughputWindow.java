package dev.atrium.inference;

/** Items completed over the last ten seconds, in one-second buckets: the "recent throughput". */
final class ThroughputWindow {

  private static final int SECONDS = 10;

  private final long[] items = new long[SECONDS];
  private final long[] bucketSecond = new long[SECONDS];
  private final long startNanos = System.nanoTime();

  synchronized void record(int completed) {
    long second = secondNow();
    int slot = (int) (second % SECONDS);
    if (bucketSecond[slot] != second) {
      bucketSecond[slot] = second;
      items[slot] = 0;
    }
    items[slot] += completed;
  }

  /** Items per second over the window (or since start, when younger than the window). */
  synchronized double itemsPerSecond() {
    long now = secondNow();
    long total = 0;
    for (int i = 0; i < SECONDS; i++) {
      if (now - bucketSecond[i] < SECONDS) {
        total += items[i];
      }
    }
    double elapsed = Math.min(SECONDS, (System.nanoTime() - startNanos) / 1e9);
    return elapsed <= 0 ? 0 : total / Math.max(elapsed, 1.0);
  }

  private long secondNow() {
    return (System.nanoTime() - startNanos) / 1_000_000_000L;
  }
}
