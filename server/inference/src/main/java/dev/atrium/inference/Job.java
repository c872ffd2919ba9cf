package dev.atrium.inference;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.inference.InferenceException;
import dev.atrium.plugin.api.inference.Priority;
import dev.atrium.plugin.api.inference.Usage;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One admitted request inside a model pool: its items, who asked, how urgent, until when. It
 * completes exactly once; completing gives back its admission permit.
 */
final class Job<I, O> {

  private final String tenantId;
  private final List<I> items;
  private final Priority priority;
  private final Instant deadline;
  private final long sequence;
  private final long enqueuedNanos;
  private final JobListener<O> listener;
  private final Runnable releasePermit;
  private final AtomicBoolean done = new AtomicBoolean();
  private volatile boolean cancelled;

  Job(
      String tenantId,
      List<I> items,
      Priority priority,
      Instant deadline,
      long sequence,
      JobListener<O> listener,
      Runnable releasePermit) {
    this.tenantId = requireNonNull(tenantId, "tenantId is null");
    this.items = List.copyOf(requireNonNull(items, "items is null"));
    this.priority = requireNonNull(priority, "priority is null");
    this.deadline = requireNonNull(deadline, "deadline is null");
    this.sequence = sequence;
    this.enqueuedNanos = System.nanoTime();
    this.listener = requireNonNull(listener, "listener is null");
    this.releasePermit = requireNonNull(releasePermit, "releasePermit is null");
  }

  String tenantId() {
    return tenantId;
  }

  List<I> items() {
    return items;
  }

  int size() {
    return items.size();
  }

  Priority priority() {
    return priority;
  }

  Instant deadline() {
    return deadline;
  }

  /** Admission order inside the pool: the FIFO tie-breaker. */
  long sequence() {
    return sequence;
  }

  long enqueuedNanos() {
    return enqueuedNanos;
  }

  /** Marks the job so that it is dropped, not computed, when a batch is formed. */
  void cancel() {
    cancelled = true;
  }

  boolean cancelled() {
    return cancelled;
  }

  boolean expired(Instant now) {
    return !now.isBefore(deadline);
  }

  void succeed(List<O> outputs, Usage usage) {
    if (done.compareAndSet(false, true)) {
      releasePermit.run();
      listener.succeeded(outputs, usage);
    }
  }

  void fail(InferenceException failure) {
    if (done.compareAndSet(false, true)) {
      releasePermit.run();
      listener.failed(failure);
    }
  }
}
