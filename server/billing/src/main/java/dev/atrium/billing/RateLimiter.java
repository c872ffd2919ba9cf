package dev.atrium.billing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.atrium.persistence.billing.RateLimits;
import java.time.Duration;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Per-key and per-tenant token buckets for requests per minute and tokens per minute, sized by the
 * tenant's plan. A request takes one request token from its key's bucket and its tenant's; tokens
 * consumed by the work are debited afterwards ({@link #debitTokens}), and a key or tenant in token
 * debt is refused until it is repaid. Exact under concurrency within one process: the limits are
 * per replica (see docs/billing.md).
 */
public final class RateLimiter {
  private enum Kind {
    KEY_REQUESTS,
    TENANT_REQUESTS,
    KEY_TOKENS,
    TENANT_TOKENS
  }

  private record BucketId(Kind kind, UUID id) {}

  private final Cache<BucketId, TokenBucket> buckets;
  private final LongSupplier nanoTime;

  public RateLimiter(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();
  }

  public RateDecision admit(UUID tenantId, UUID keyId, RateLimits limits) {
    long now = nanoTime.getAsLong() / 1000;
    TokenBucket.Outcome keyTokens =
        bucket(Kind.KEY_TOKENS, keyId).check(limits.keyTokensPerMinute(), now);
    TokenBucket.Outcome tenantTokens =
        bucket(Kind.TENANT_TOKENS, tenantId).check(limits.tenantTokensPerMinute(), now);
    TokenBucket keyBucket = bucket(Kind.KEY_REQUESTS, keyId);
    TokenBucket tenantBucket = bucket(Kind.TENANT_REQUESTS, tenantId);
    if (!keyTokens.allowed() || !tenantTokens.allowed()) {
      TokenBucket.Outcome key = keyBucket.check(limits.keyRequestsPerMinute(), now);
      TokenBucket.Outcome tokens = keyTokens.allowed() ? tenantTokens : keyTokens;
      return new RateDecision(
          false,
          limits.keyRequestsPerMinute(),
          key.remaining(),
          key.resetSeconds(),
          Math.max(1, tokens.retryAfterSeconds()),
          keyTokens.allowed() ? "tenant tokens per minute" : "key tokens per minute");
    }
    TokenBucket.Outcome key = keyBucket.take(1, limits.keyRequestsPerMinute(), now);
    if (!key.allowed()) {
      return refused(limits.keyRequestsPerMinute(), key, "key requests per minute");
    }
    TokenBucket.Outcome tenant = tenantBucket.take(1, limits.tenantRequestsPerMinute(), now);
    if (!tenant.allowed()) {
      keyBucket.refund(1, limits.keyRequestsPerMinute());
      return refused(limits.tenantRequestsPerMinute(), tenant, "tenant requests per minute");
    }
    boolean keyTighter = key.remaining() <= tenant.remaining();
    TokenBucket.Outcome tighter = keyTighter ? key : tenant;
    return new RateDecision(
        true,
        keyTighter ? limits.keyRequestsPerMinute() : limits.tenantRequestsPerMinute(),
        tighter.remaining(),
        tighter.resetSeconds(),
        0,
        null);
  }

  /** Counts {@code tokens} the work of a request consumed against its key and tenant. */
  public void debitTokens(UUID tenantId, UUID keyId, RateLimits limits, long tokens) {
    long now = nanoTime.getAsLong() / 1000;
    bucket(Kind.KEY_TOKENS, keyId).debit(tokens, limits.keyTokensPerMinute(), now);
    bucket(Kind.TENANT_TOKENS, tenantId).debit(tokens, limits.tenantTokensPerMinute(), now);
  }

  private static RateDecision refused(long limit, TokenBucket.Outcome outcome, String reason) {
    return new RateDecision(
        false,
        limit,
        outcome.remaining(),
        outcome.resetSeconds(),
        Math.max(1, outcome.retryAfterSeconds()),
        reason);
  }

  private TokenBucket bucket(Kind kind, UUID id) {
    return buckets.get(new BucketId(kind, id), k -> new TokenBucket());
  }
}
