package dev.atrium.accounts.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.atrium.shared.Problem;
import java.time.Duration;
import java.time.Instant;

/**
 * Slows down password guessing per e-mail address: after {@code maxFailures} failures in a row,
 * each further failure locks the address out for twice as long as the last (starting at {@code
 * lockout}, at most 15 minutes). A success clears the record. Bounded in memory.
 */
public final class LoginThrottle {
  private static final Duration MAX_LOCKOUT = Duration.ofMinutes(15);

  private record Failures(int count, Instant lockedUntil) {}

  private final int maxFailures;
  private final Duration lockout;
  private final Cache<String, Failures> failures =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1)).maximumSize(100_000).build();

  public LoginThrottle(int maxFailures, Duration lockout) {
    this.maxFailures = maxFailures;
    this.lockout = lockout;
  }

  /** Throws a 429 problem with Retry-After while {@code email} is locked out. */
  public void checkAllowed(String email, Instant now) {
    Failures f = failures.getIfPresent(email);
    if (f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil())) {
      long seconds = Duration.between(now, f.lockedUntil()).toSeconds() + 1;
      throw Problem.tooManyRequests(
          "login_locked",
          "Too many failed logins for this account; try again in " + seconds + " seconds.",
          seconds);
    }
  }

  /** Records a failure; returns the number of failures in a row. */
  public int recordFailure(String email, Instant now) {
    Failures updated =
        failures
            .asMap()
            .compute(
                email,
                (k, f) -> {
                  int count = f == null ? 1 : f.count() + 1;
                  Instant until = null;
                  if (count >= maxFailures) {
                    int doublings = Math.min(count - maxFailures, 20);
                    Duration d = lockout.multipliedBy(1L << doublings);
                    until = now.plus(d.compareTo(MAX_LOCKOUT) > 0 ? MAX_LOCKOUT : d);
                  }
                  return new Failures(count, until);
                });
    return updated.count();
  }

  public void recordSuccess(String email) {
    failures.invalidate(email);
  }
}
