package dev.atrium.bench;

import static java.util.Objects.requireNonNull;

/**
 * One throughput measurement, ready to print in a table row.
 *
 * @param setup what was measured, e.g. {@code predictor, batch 32}
 * @param concurrency threads calling at once
 * @param batchSize sentences per model call
 * @param sentences sentences embedded in the measured interval
 * @param seconds length of the measured interval
 * @param meanCallMillis mean time of one model call as its caller saw it
 */
public record Measurement(
    String setup,
    int concurrency,
    int batchSize,
    long sentences,
    double seconds,
    double meanCallMillis) {

  public Measurement {
    requireNonNull(setup, "setup is null");
  }

  public double sentencesPerSecond() {
    return seconds <= 0 ? 0 : sentences / seconds;
  }

  /** One row of the bench table. */
  public String row() {
    return String.format(
        "%-40s %11d %6d %12.0f %12.2f",
        setup, concurrency, batchSize, sentencesPerSecond(), meanCallMillis);
  }

  public static String header() {
    return String.format(
        "%-40s %11s %6s %12s %12s", "setup", "concurrency", "batch", "sentences/s", "ms/call");
  }
}
