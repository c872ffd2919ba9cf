package dev.atrium.accounts.auth;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.atrium.accounts.service.Tenants;
import dev.atrium.shared.Problem;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether a tenant is suspended, for every authenticated request of its keys and users. The state
 * is cached for {@code tenants.status-cache-ttl-seconds}; a suspension or resumption forgets the
 * entry at once on the replica that made it (other replicas follow within the TTL). A load that
 * raced with a change is not cached.
 */
public final class TenantSuspensions {
  /** The problem code of every request refused because its tenant is suspended. */
  public static final String CODE = "tenant_suspended";

  private final Tenants tenants;
  private final Cache<UUID, Boolean> cache;
  private final AtomicLong changes = new AtomicLong();

  public TenantSuspensions(Tenants tenants, Duration cacheTtl, int cacheSize) {
    this.tenants = requireNonNull(tenants, "tenants is null");
    this.cache = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(cacheSize).build();
  }

  /** Succeeds when the tenant may be served, else fails with a 403 {@value #CODE} problem. */
  public Future<Void> requireActive(UUID tenantId) {
    if (tenantId == null) {
      return Future.succeededFuture();
    }
    Boolean cached = cache.getIfPresent(tenantId);
    Future<Boolean> suspended = cached != null ? Future.succeededFuture(cached) : load(tenantId);
    return suspended.compose(
        s -> s ? Future.failedFuture(refused()) : Future.<Void>succeededFuture());
  }

  /** Forgets what is cached of a tenant whose state just changed. */
  public void forget(UUID tenantId) {
    changes.incrementAndGet();
    cache.invalidate(tenantId);
  }

  /** The 403 answer to a suspended tenant's request. */
  public static Problem refused() {
    return Problem.forbidden(
        CODE,
        "This account is suspended by the platform operator: its API keys and dashboard are"
            + " refused until it is resumed. Contact the operator to resolve it.");
  }

  private Future<Boolean> load(UUID tenantId) {
    long before = changes.get();
    return tenants
        .isSuspended(tenantId)
        .onSuccess(
            suspended -> {
              if (changes.get() == before) {
                cache.put(tenantId, suspended);
              }
            });
  }
}
