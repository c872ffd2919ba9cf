package dev.atrium.inference;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The waiting jobs of one model pool: one queue per tenant, served by weighted fair queuing
 * (start-time fair queuing).
 *
 * <p>Each tenant has a virtual finish time: every job it is served advances it by {@code items /
 * weight}. A tenant's next job may start at {@code max(V, its finish time)}, where {@code V}, the
 * pool's virtual time, is the start time of the job served last; the tenant with the earliest start
 * goes next, ties to the job admitted first. So a tenant that floods the queue only pushes its own
 * start times ahead, and a newcomer starts at {@code V}: it is served next. An idle tenant earns no
 * credit, and over a busy period tenants get model time in proportion to their weights. Within a
 * tenant, jobs go by priority, then first come first served.
 *
 * <p>Not thread-safe: the {@link BatchAggregator} guards it.
 */
final class FairQueue<I, O> {

  private static final Comparator<Job<?, ?>> TENANT_ORDER =
      Comparator.<Job<?, ?>, Integer>comparing(job -> job.priority().ordinal())
          .thenComparingLong(Job::sequence);

  /** Every tenant, for the filtered {@link #peek(Predicate)} and {@link #poll(Predicate)}. */
  static final Predicate<String> ANY_TENANT = tenant -> true;

  private final TenantWeights weights;
  private final Map<String, TenantQueue<I, O>> tenants = new HashMap<>();
  private double virtualTime;
  private int jobs;
  private int items;

  FairQueue(TenantWeights weights) {
    this.weights = requireNonNull(weights, "weights is null");
  }

  void add(Job<I, O> job) {
    tenants.computeIfAbsent(job.tenantId(), id -> new TenantQueue<>()).jobs.add(job);
    jobs++;
    items += job.size();
  }

  /** The job fair queuing would serve next, left in place; null when empty. */
  Job<I, O> peek() {
    return peek(ANY_TENANT);
  }

  /** The job fair queuing would serve next among {@code eligible} tenants; null when none waits. */
  Job<I, O> peek(Predicate<String> eligible) {
    TenantQueue<I, O> next = next(eligible);
    return next == null ? null : next.jobs.peek();
  }

  /** Removes and returns the job fair queuing serves next; null when empty. */
  Job<I, O> poll() {
    return poll(ANY_TENANT);
  }

  /**
   * Removes and returns the job fair queuing serves next among {@code eligible} tenants, or null.
   */
  Job<I, O> poll(Predicate<String> eligible) {
    TenantQueue<I, O> next = next(eligible);
    if (next == null) {
      return null;
    }
    Job<I, O> job = next.jobs.poll();
    double start = Math.max(virtualTime, next.lastFinish);
    next.lastFinish = start + job.size() / weight(job.tenantId());
    virtualTime = start;
    jobs--;
    items -= job.size();
    // Forget tenants with nothing queued and no lead over the virtual clock: they owe nothing.
    tenants.values().removeIf(t -> t.jobs.isEmpty() && t.lastFinish <= virtualTime);
    return job;
  }

  /** Removes every waiting job, for shutdown. */
  List<Job<I, O>> removeAll() {
    List<Job<I, O>> all = new ArrayList<>(jobs);
    tenants.values().forEach(t -> all.addAll(t.jobs));
    tenants.clear();
    jobs = 0;
    items = 0;
    return all;
  }

  int jobs() {
    return jobs;
  }

  int items() {
    return items;
  }

  /** Waiting jobs per tenant, tenants sorted by id. */
  Map<String, Integer> jobsByTenant() {
    Map<String, Integer> result = new TreeMap<>();
    tenants.forEach(
        (id, queue) -> {
          if (!queue.jobs.isEmpty()) {
            result.put(id, queue.jobs.size());
          }
        });
    return result;
  }

  private TenantQueue<I, O> next(Predicate<String> eligible) {
    TenantQueue<I, O> best = null;
    double bestStart = Double.MAX_VALUE;
    long bestSequence = Long.MAX_VALUE;
    for (TenantQueue<I, O> queue : tenants.values()) {
      Job<I, O> head = queue.jobs.peek();
      if (head == null || !eligible.test(head.tenantId())) {
        continue;
      }
      double start = Math.max(virtualTime, queue.lastFinish);
      if (start < bestStart || (start == bestStart && head.sequence() < bestSequence)) {
        best = queue;
        bestStart = start;
        bestSequence = head.sequence();
      }
    }
    return best;
  }

  private double weight(String tenantId) {
    double weight = weights.weight(tenantId);
    return weight > 0 && Double.isFinite(weight) ? weight : 1.0;
  }

  private static final class TenantQueue<I, O> {
    final PriorityQueue<Job<I, O>> jobs = new PriorityQueue<>(TENANT_ORDER);
    double lastFinish;
  }
}
