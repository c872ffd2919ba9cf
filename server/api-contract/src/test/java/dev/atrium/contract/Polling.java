package dev.atrium.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Waits for background work (a close, an export, an ingestion) that the API reports on. */
final class Polling {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private Polling() {}

  /** Asks {@code state} until it answers {@code expected}; fails after two minutes. */
  static void until(Supplier<String> state, String expected) {
    Instant deadline = Instant.now().plus(TIMEOUT);
    String last = state.get();
    while (!expected.equals(last)) {
      if (last == null) {
        throw new AssertionError("no state while waiting for " + expected);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "still '" + last + "' after " + TIMEOUT + ", expected " + expected);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      last = state.get();
    }
  }
}
