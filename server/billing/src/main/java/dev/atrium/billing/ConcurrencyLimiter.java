package dev.atrium.billing;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Requests in flight per tenant, capped by the plan's maximum concurrency (per replica). */
public final class ConcurrencyLimiter {
  private final ConcurrentHashMap<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();

  /** Takes a slot if fewer than {@code max} are taken; pair every true with {@link #exit}. */
  public boolean tryEnter(UUID tenantId, int max) {
    AtomicInteger count = inFlight.computeIfAbsent(tenantId, t -> new AtomicInteger());
    while (true) {
      int now = count.get();
      if (now >= max) {
        return false;
      }
      if (count.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  public void exit(UUID tenantId) {
    AtomicInteger count = inFlight.get(tenantId);
    if (count != null) {
      count.decrementAndGet();
    }
  }

  public int inFlight(UUID tenantId) {
    AtomicInteger count = inFlight.get(tenantId);
    return count == null ? 0 : count.get();
  }
}
