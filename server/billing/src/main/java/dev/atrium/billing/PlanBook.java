package dev.atrium.billing;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.atrium.persistence.Database;
import dev.atrium.persistence.billing.Plan;
import dev.atrium.persistence.billing.PlanRepository;
import dev.atrium.persistence.billing.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Which plan each tenant is on now, cached for {@code ttl} (changes made on this replica take
 * effect at once; on other replicas within {@code ttl}). Lookups never block: they return a future,
 * or for the inference pool's weights the cached value or the default plan's.
 */
public final class PlanBook {
  private final Database database;
  private final Subscriptions subscriptions;
  private final Clock clock;
  private final AsyncLoadingCache<UUID, Plan> byTenant;
  private volatile Plan defaultPlan;

  public PlanBook(
      Database database,
      Subscriptions subscriptions,
      Clock clock,
      Executor executor,
      Duration ttl) {
    this.database = requireNonNull(database, "database is null");
    this.subscriptions = requireNonNull(subscriptions, "subscriptions is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.defaultPlan = loadPlan(subscriptions.defaultPlanId());
    this.byTenant =
        Caffeine.newBuilder()
            .executor(executor)
            .expireAfterWrite(ttl)
            .maximumSize(1_000_000)
            .buildAsync(this::load);
  }

  /** The tenant's current plan (the default plan for an unknown tenant). */
  public CompletableFuture<Plan> planOf(UUID tenantId) {
    return byTenant.get(tenantId);
  }

  /** The tenant's plan if it is cached, else null (and a load starts). */
  public Plan cachedPlanOf(UUID tenantId) {
    CompletableFuture<Plan> plan = byTenant.get(tenantId);
    return plan.isDone() && !plan.isCompletedExceptionally() ? plan.join() : null;
  }

  /**
   * The inference pool's weight lookup: a tenant id to its plan's pool weight. Never blocks: an
   * uncached tenant gets the default plan's weight while its plan loads.
   */
  public Function<String, Integer> poolWeights() {
    return tenantId -> {
      try {
        Plan plan = cachedPlanOf(UUID.fromString(tenantId));
        return (plan == null ? defaultPlan : plan).poolWeight();
      } catch (IllegalArgumentException e) {
        return defaultPlan.poolWeight();
      }
    };
  }

  /** Forget cached plans after a plan was edited. */
  public void plansChanged() {
    defaultPlan = loadPlan(subscriptions.defaultPlanId());
    byTenant.synchronous().invalidateAll();
  }

  /** Forget one tenant's plan after its subscription changed. */
  public void tenantChanged(UUID tenantId) {
    byTenant.synchronous().invalidate(tenantId);
  }

  private Plan load(UUID tenantId) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    String planId;
    try {
      planId =
          Subscriptions.at(subscriptions.timeline(database.dsl(), tenantId), now)
              .map(Subscription::planId)
              .orElse(subscriptions.defaultPlanId());
    } catch (NoSuchElementException e) {
      planId = subscriptions.defaultPlanId();
    }
    return loadPlan(planId);
  }

  private Plan loadPlan(String planId) {
    return new PlanRepository(database.dsl())
        .find(planId)
        .orElseThrow(() -> new IllegalStateException("plan '" + planId + "' does not exist"));
  }
}
