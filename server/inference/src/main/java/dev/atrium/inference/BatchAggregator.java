package dev.atrium.inference;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.inference.DeadlineExceededException;
import dev.atrium.plugin.api.inference.InferenceCancelledException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Hands batches to a model pool's workers. A worker takes what is waiting, in fair-queue order, up
 * to the batch limit, then waits at most {@code max_batch_delay} for more. Expired and cancelled
 * jobs are dropped while the batch is formed (and once more when it is sealed), so they are never
 * computed.
 *
 * <p>The batch limit is {@code batch_size} while one tenant uses the pool and {@code batch_size}
 * divided by the number of active tenants (at least 1) while several do: a running batch cannot be
 * interrupted, so a light tenant's request waits for whole batches of a heavy one's, and shorter
 * batches bound that wait. A tenant counts as active for {@link #ACTIVE_WINDOW} after its last job.
 *
 * <p>Express workers ({@code express_workers}) take no part in that: they wait until every other
 * worker is busy and a job waits whose tenant has no batch running, then compute at once a batch of
 * such tenants' jobs only. A tenant sending one request at a time therefore never waits for a
 * flooding tenant's batch to end; the cores are shared with the running batches instead.
 */
final class BatchAggregator<I, O> {

  static final Duration ACTIVE_WINDOW = Duration.ofSeconds(1);

  private final String modelId;
  private final int batchSize;
  private final long maxBatchDelayNanos;
  private final FairQueue<I, O> queue;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, Long> lastJobNanos = new HashMap<>();

  /** Batches being computed per tenant in them. */
  private final Map<String, Integer> running = new HashMap<>();

  private int idleWorkers;
  private boolean draining;

  BatchAggregator(String modelId, int batchSize, Duration maxBatchDelay, TenantWeights weights) {
    this.modelId = requireNonNull(modelId, "modelId is null");
    this.batchSize = batchSize;
    this.maxBatchDelayNanos = maxBatchDelay.toNanos();
    this.queue = new FairQueue<>(weights);
  }

  void enqueue(Job<I, O> job) {
    lock.lock();
    try {
      queue.add(job);
      lastJobNanos.put(job.tenantId(), job.enqueuedNanos());
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The next batch, or null when nothing arrived within {@code idleTimeout} or when the pool is
   * draining and nothing is left.
   */
  Batch<I, O> nextBatch(Duration idleTimeout) throws InterruptedException {
    long idleUntil = System.nanoTime() + idleTimeout.toNanos();
    while (true) {
      List<Job<I, O>> dropped = new ArrayList<>();
      Batch<I, O> batch;
      lock.lock();
      try {
        batch = formBatch(idleUntil, dropped);
      } finally {
        lock.unlock();
        // Outside the lock: failing a job runs the caller's completion.
        dropped.forEach(this::drop);
      }
      if (batch == null || !batch.jobs().isEmpty()) {
        return batch;
      }
    }
  }

  /** One attempt: null when idle or drained, an empty batch when every job taken was dead. */
  private Batch<I, O> formBatch(long idleUntil, List<Job<I, O>> dropped)
      throws InterruptedException {
    while (queue.jobs() == 0) {
      long remaining = idleUntil - System.nanoTime();
      if (draining || remaining <= 0) {
        return null;
      }
      idleWorkers++;
      try {
        changed.awaitNanos(remaining);
      } finally {
        idleWorkers--;
      }
    }
    List<Job<I, O>> jobs = new ArrayList<>();
    int items = take(jobs, 0, batchLimit(), dropped, FairQueue.ANY_TENANT);
    long fillUntil = System.nanoTime() + maxBatchDelayNanos;
    while (!jobs.isEmpty() && !draining) {
      // Again each time: a tenant arriving while the batch fills shrinks it.
      int limit = batchLimit();
      long remaining = fillUntil - System.nanoTime();
      if (items >= limit || headTooBig(items, limit) || remaining <= 0) {
        break;
      }
      changed.awaitNanos(remaining);
      items = take(jobs, items, batchLimit(), dropped, FairQueue.ANY_TENANT);
    }
    Instant now = Instant.now();
    jobs.removeIf(
        job -> {
          boolean dead = job.cancelled() || job.expired(now);
          if (dead) {
            dropped.add(job);
          }
          return dead;
        });
    return started(jobs);
  }

  /**
   * The next express batch: waits until no other worker is idle and a job waits whose tenant has no
   * batch running, then takes such jobs (fair-queue order, up to the batch limit, no waiting to
   * fill). Null when nothing qualified within {@code idleTimeout} or when draining.
   */
  Batch<I, O> nextExpressBatch(Duration idleTimeout) throws InterruptedException {
    long idleUntil = System.nanoTime() + idleTimeout.toNanos();
    List<Job<I, O>> dropped = new ArrayList<>();
    Batch<I, O> batch = null;
    lock.lock();
    try {
      while (batch == null) {
        if (idleWorkers == 0 && !running.isEmpty()) {
          List<Job<I, O>> jobs = new ArrayList<>();
          take(jobs, 0, batchLimit(), dropped, this::notRunning);
          if (!jobs.isEmpty()) {
            batch = started(jobs);
            continue;
          }
        }
        long remaining = idleUntil - System.nanoTime();
        if (draining || remaining <= 0) {
          break;
        }
        changed.awaitNanos(remaining);
      }
    } finally {
      lock.unlock();
      dropped.forEach(this::drop);
    }
    return batch;
  }

  /** Told by a worker that it has computed (or failed) {@code batch}. */
  void finished(Batch<I, O> batch) {
    lock.lock();
    try {
      for (String tenant : tenants(batch.jobs())) {
        running.computeIfPresent(tenant, (t, n) -> n == 1 ? null : n - 1);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private Batch<I, O> started(List<Job<I, O>> jobs) {
    for (String tenant : tenants(jobs)) {
      running.merge(tenant, 1, Integer::sum);
    }
    return new Batch<>(jobs);
  }

  private boolean notRunning(String tenant) {
    return !running.containsKey(tenant);
  }

  private static Set<String> tenants(List<? extends Job<?, ?>> jobs) {
    Set<String> tenants = new HashSet<>();
    jobs.forEach(job -> tenants.add(job.tenantId()));
    return tenants;
  }

  /** {@code batch_size}, shared out among the tenants active now. */
  private int batchLimit() {
    long now = System.nanoTime();
    lastJobNanos.values().removeIf(last -> now - last > ACTIVE_WINDOW.toNanos());
    return Math.max(1, batchSize / Math.max(1, lastJobNanos.size()));
  }

  /**
   * Moves fitting jobs of {@code eligible} tenants into {@code jobs}, dead ones into {@code
   * dropped}; returns the new item count.
   */
  private int take(
      List<Job<I, O>> jobs,
      int items,
      int limit,
      List<Job<I, O>> dropped,
      Predicate<String> eligible) {
    Instant now = Instant.now();
    while (items < limit) {
      Job<I, O> head = queue.peek(eligible);
      if (head == null) {
        break;
      }
      if (head.cancelled() || head.expired(now)) {
        dropped.add(queue.poll(eligible));
        continue;
      }
      // A job larger than a batch runs alone rather than never.
      if (!jobs.isEmpty() && items + head.size() > limit) {
        break;
      }
      jobs.add(queue.poll(eligible));
      items += head.size();
    }
    return items;
  }

  private boolean headTooBig(int items, int limit) {
    Job<I, O> head = queue.peek();
    return head != null && items + head.size() > limit;
  }

  private void drop(Job<I, O> job) {
    if (job.cancelled()) {
      job.fail(new InferenceCancelledException("request to model '" + modelId + "' cancelled"));
    } else {
      job.fail(
          new DeadlineExceededException(
              "deadline " + job.deadline() + " passed before model '" + modelId + "' ran it"));
    }
  }

  /** Stop waiting for work: workers finish what is queued, then get null and stop. */
  void startDraining() {
    lock.lock();
    try {
      draining = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  boolean draining() {
    lock.lock();
    try {
      return draining;
    } finally {
      lock.unlock();
    }
  }

  /** Removes every waiting job (after a drain timed out). */
  List<Job<I, O>> removeAll() {
    lock.lock();
    try {
      return queue.removeAll();
    } finally {
      lock.unlock();
    }
  }

  /** Workers waiting for work right now. */
  int idleWorkers() {
    lock.lock();
    try {
      return idleWorkers;
    } finally {
      lock.unlock();
    }
  }

  int queuedJobs() {
    lock.lock();
    try {
      return queue.jobs();
    } finally {
      lock.unlock();
    }
  }

  int queuedItems() {
    lock.lock();
    try {
      return queue.items();
    } finally {
      lock.unlock();
    }
  }

  Map<String, Integer> queuedJobsByTenant() {
    lock.lock();
    try {
      return queue.jobsByTenant();
    } finally {
      lock.unlock();
    }
  }
}
