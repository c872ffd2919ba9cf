package dev.atrium.bench;

import java.util.Arrays;

/** What one load run measured: completed and failed requests, rate, latency percentiles. */
public record LoadResult(long ok, long failed, double seconds, long[] latencyNanos) {

  /** Both runs as one: counts and time add up, latencies are pooled. */
  public LoadResult plus(LoadResult other) {
    long[] pooled = Arrays.copyOf(latencyNanos, latencyNanos.length + other.latencyNanos.length);
    System.arraycopy(other.latencyNanos, 0, pooled, latencyNanos.length, other.latencyNanos.length);
    return new LoadResult(ok + other.ok, failed + other.failed, seconds + other.seconds, pooled);
  }

  public static LoadResult empty() {
    return new LoadResult(0, 0, 0, new long[0]);
  }

  public double requestsPerSecond() {
    return ok / seconds;
  }

  /** The {@code p}-th percentile latency in milliseconds (p in 0..100). */
  public double percentileMillis(double p) {
    if (latencyNanos.length == 0) {
      return Double.NaN;
    }
    long[] sorted = latencyNanos.clone();
    Arrays.sort(sorted);
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1_000_000.0;
  }
}
