package dev.atrium.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/** Thread-safe latency store of a load run, sized for a few hundred thousand samples. */
final class LatencyRecorder {
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private long[] samples = new long[1 << 16];
  private int size;

  /** One request: its latency counts only when it succeeded. */
  synchronized void record(boolean success, long nanos) {
    (success ? ok : failed).incrementAndGet();
    if (!success) {
      return;
    }
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = nanos;
  }

  synchronized LoadResult result(double seconds) {
    return new LoadResult(ok.get(), failed.get(), seconds, Arrays.copyOf(samples, size));
  }
}
