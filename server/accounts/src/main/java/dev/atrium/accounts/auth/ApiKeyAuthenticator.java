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
 * that raced with an invalidation is not cached.
 */
public final class ApiKeyAuthenticator implements Authenticator {
  private static final int MAX_KEY_LENGTH = 128;

  private final ApiKeys keys;
  private final Clock clock;
  private final Cache<String, Optional<ApiKey>> cache;
  private final AtomicLong invalidations = new AtomicLong();
  private final ConcurrentHashMap<UUID, OffsetDateTime> lastUse = new ConcurrentHashMap<>();

  public ApiKeyAuthenticator(ApiKeys keys, Clock clock, Duration cacheTtl, int cacheSize) {
    this.keys = requireNonNull(keys, "keys is null");
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
    return key.map(this::toPrincipal);
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

  private Principal toPrincipal(Optional<ApiKey> found) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    ApiKey key =
        found
            .filter(k -> k.isUsableAt(now))
            .orElseThrow(() -> Problem.unauthorized("The API key is unknown, revoked or expired."));
    lastUse.put(key.id(), now);
    return Principal.apiKey(key.tenantId(), key.id(), new HashSet<>(key.scopes()));
  }
}
