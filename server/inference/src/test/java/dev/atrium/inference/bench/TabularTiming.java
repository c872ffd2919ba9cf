package dev.atrium.inference.bench;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * One timing of tabular scoring, ready to print in a table row.
 *
 * @param setup what was measured, e.g. {@code booster, one batch}
 * @param concurrency threads calling at once
 * @param rows rows scored
 * @param seconds wall time of the whole run
 * @param p50Millis median time of one call as its caller saw it
 * @param p99Millis 99th percentile of that time
 */
public record TabularTiming(
    String setup, int concurrency, int rows, double seconds, double p50Millis, double p99Millis) {

  public TabularTiming {
    requireNonNull(setup, "setup is null");
  }

  /** A timing from each call's duration in nanoseconds. */
  static TabularTiming of(
      String setup, int concurrency, int rows, long wallNanos, long[] callNanos) {
    long[] sorted = callNanos.clone();
    Arrays.sort(sorted);
    return new TabularTiming(
        setup,
        concurrency,
        rows,
        wallNanos / 1e9,
        percentile(sorted, 0.50) / 1e6,
        percentile(sorted, 0.99) / 1e6);
  }

  private static double percentile(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  public double rowsPerSecond() {
    return seconds <= 0 ? 0 : rows / seconds;
  }

  /** One row of the bench table. */
  public String row() {
    return String.format(
        "%-36s %11d %8d %12.0f %10.3f %10.3f",
        setup, concurrency, rows, rowsPerSecond(), p50Millis, p99Millis);
  }

  public static String header() {
    return String.format(
        "%-36s %11s %8s %12s %10s %10s",
        "setup", "concurrency", "rows", "rows/s", "p50 ms", "p99 ms");
  }
}
