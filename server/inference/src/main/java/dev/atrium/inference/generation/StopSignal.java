package dev.atrium.inference.generation;

import dev.atrium.plugin.api.inference.FinishReason;
import java.time.Instant;
import java.util.Optional;

/**
 * Tells a running generation to stop: the caller cancels it from any thread, or its deadline
 * passes. The generating thread polls it after every token (llama.cpp must be cancelled from the
 * thread that consumes its output).
 */
public final class StopSignal {

  private final Instant deadline;
  private volatile boolean cancelled;

  public StopSignal(Instant deadline) {
    this.deadline = deadline;
  }

  public void cancel() {
    cancelled = true;
  }

  /** Why the generation must stop now, or empty while it may go on. */
  Optional<FinishReason> reason() {
    if (cancelled) {
      return Optional.of(FinishReason.CANCELLED);
    }
    if (!Instant.now().isBefore(deadline)) {
      return Optional.of(FinishReason.DEADLINE);
    }
    return Optional.empty();
  }
}
