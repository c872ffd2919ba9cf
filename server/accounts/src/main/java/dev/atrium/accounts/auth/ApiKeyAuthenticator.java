package dev.atrium.accounts.auth;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.atrium.accounts.service.ApiKeys;
import dev.atrium.http.Authenticator;
import dev.atrium.persistence.ApiKey;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Problem;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Authenticates API keys. Lookups by hash are cached (unknown keys too, so guessing costs no
 * database reads); revocation and rotation invalidate the entry at once, and expiry and revocation
 * are checked against the clock on every request, so a dead key fails in the same second. A load
 * that raced with an invalidation is not cached. A key of a suspended tenant is refused (403 {@code
 * tenant_suspended}, see {@link TenantSuspensions}) before anything is admitted or billed.
 */
public final class ApiKeyAuthenticator implements Authenticator {
  private static final int MAX_KEY_LENGTH = 128;

  private final ApiKeys keys;
  private final TenantSuspensions suspensions;
  private final Clock clock;
  private final Cache<String, Optional<ApiKey>> cache;
  private final AtomicLong invalidations = new AtomicLong();
  private final ConcurrentHashMap<UUID, OffsetDateTime> lastUse = new ConcurrentHashMap<>();

  public ApiKeyAuthenticator(
      ApiKeys keys, TenantSuspensions suspensions, Clock clock, Duration cacheTtl, int cacheSize) {
    this.keys = requireNonNull(keys, "keys is null");
    this.suspensions = requireNonNull(suspensions, "suspensions is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.cache = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(cacheSize).build();
  }

  @Override
  public Future<Principal> authenticate(String token) {
    if (!token.startsWith(Secrets.KEY_PREFIX) || token.length() > MAX_KEY_LENGTH) {
      return Future.failedFuture(Problem.unauthorized("This endpoint takes an API key (atr_...)."));
    }
    String hash = Secrets.sha256(token);
    Optional<ApiKey> cached = cache.getIfPresent(hash);
    Future<Optional<ApiKey>> key = cached != null ? Future.succeededFuture(cached) : load(hash);
    return key.map(this::usable)
        .compose(k -> suspensions.requireActive(k.tenantId()).map(v -> served(k)));
  }

  /** Forgets the cached entry of a key whose state changed (revoked, rotated). */
  public void invalidate(String keyHash) {
    invalidations.incrementAndGet();
    cache.invalidate(keyHash);
  }

  /** Last-use times gathered since the previous call, for a batched write. */
  public Map<UUID, OffsetDateTime> drainLastUse() {
    Map<UUID, OffsetDateTime> drained = new HashMap<>();
    for (UUID id : new HashSet<>(lastUse.keySet())) {
      OffsetDateTime at = lastUse.remove(id);
      if (at != null) {
        drained.put(id, at);
      }
    }
    return drained;
  }

  private Future<Optional<ApiKey>> load(String hash) {
    long before = invalidations.get();
    return keys.findByHash(hash)
        .onSuccess(
            found -> {
              if (invalidations.get() == before) {
                cache.put(hash, found);
              }
            });
  }

  private ApiKey usable(Optional<ApiKey> found) {
    return found
        .filter(k -> k.isUsableAt(OffsetDateTime.now(clock)))
        .orElseThrow(() -> Problem.unauthorized("The API key is unknown, revoked or expired."));
  }

  /** The principal of a key that is served: its use is recorded (a refused call is no use). */
  private Principal served(ApiKey key) {
    lastUse.put(key.id(), OffsetDateTime.now(clock));
    return Principal.apiKey(key.tenantId(), key.id(), new HashSet<>(key.scopes()));
  }
}
