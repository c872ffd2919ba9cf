package dev.atrium.inference;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The hard bound on one model pool: {@code job_queue_size} permits, taken before a job is queued
 * and given back when it completes (computed, failed, expired or cancelled).
 *
 * <p>Per-tenant rule: while at least one other tenant holds a permit, a tenant may hold at most
 * {@code max(1, floor(capacity * w / (w + sum of the other holders' weights)))} permits, where
 * {@code w} is its weight. Alone, a tenant may use the whole queue; as soon as another tenant shows
 * up, the one holding more than its share is turned away (429) until it falls back under, while the
 * newcomer is admitted. The share check and the permit are decided under one lock, so the bound is
 * exact, not a racy size check.
 */
final class Admission {

  /** The outcome of asking for a permit. */
  enum Verdict {
    ADMITTED,
    TENANT_OVER_SHARE,
    POOL_FULL
  }

  private final int capacity;
  private final TenantWeights weights;
  private final Semaphore permits;
  private final Map<String, Integer> heldByTenant = new HashMap<>();

  Admission(int capacity, TenantWeights weights) {
    this.capacity = capacity;
    this.weights = requireNonNull(weights, "weights is null");
    this.permits = new Semaphore(capacity);
  }

  synchronized Verdict admit(String tenantId) {
    int held = heldByTenant.getOrDefault(tenantId, 0);
    int share = share(tenantId);
    // A tenant alone may fill the pool: then it is simply full (503), not over its share.
    if (share < capacity && held >= share) {
      return Verdict.TENANT_OVER_SHARE;
    }
    if (!permits.tryAcquire()) {
      return Verdict.POOL_FULL;
    }
    heldByTenant.put(tenantId, held + 1);
    return Verdict.ADMITTED;
  }

  synchronized void release(String tenantId) {
    heldByTenant.computeIfPresent(tenantId, (id, held) -> held > 1 ? held - 1 : null);
    permits.release();
  }

  /** Permits in use: jobs queued or computing. */
  int inUse() {
    return capacity - permits.availablePermits();
  }

  synchronized int heldBy(String tenantId) {
    return heldByTenant.getOrDefault(tenantId, 0);
  }

  private int share(String tenantId) {
    double others = 0;
    for (String holder : heldByTenant.keySet()) {
      if (!holder.equals(tenantId)) {
        others += weight(holder);
      }
    }
    if (others == 0) {
      return capacity;
    }
    double own = weight(tenantId);
    return Math.max(1, (int) Math.floor(capacity * own / (own + others)));
  }

  private double weight(String tenantId) {
    double weight = weights.weight(tenantId);
    return weight > 0 && Double.isFinite(weight) ? weight : 1.0;
  }
}
