package dev.atrium.billing;

/**
 * A token bucket that refills {@code perMinute} tokens per minute up to {@code perMinute}, in exact
 * integer arithmetic (one token is {@value #SCALE} units, the bucket gains {@code perMinute} units
 * per microsecond). Its capacity is passed on every call, so a plan change applies at once. {@link
 * #debit} may drive it below zero (tokens counted after the work); it then refuses until repaid.
 * Thread-safe.
 */
final class TokenBucket {
  static final long SCALE = 60_000_000L;

  private long level;
  private long lastMicros;
  private boolean started;

  /** The outcome of a {@link #take}: whether it was allowed and the bucket's state after it. */
  record Outcome(boolean allowed, long remaining, long resetSeconds, long retryAfterSeconds) {}

  synchronized Outcome take(long tokens, long perMinute, long nowMicros) {
    refill(perMinute, nowMicros);
    long needed = tokens * SCALE;
    boolean allowed = level >= needed && level >= 0;
    if (allowed) {
      level -= needed;
    }
    long retryAfter = allowed ? 0 : ceilSeconds(Math.max(needed, 0) - level, perMinute);
    return new Outcome(
        allowed,
        Math.max(0, level / SCALE),
        ceilSeconds(perMinute * SCALE - level, perMinute),
        retryAfter);
  }

  /** Whether the bucket is out of debt, as a take of nothing. */
  synchronized Outcome check(long perMinute, long nowMicros) {
    return take(0, perMinute, nowMicros);
  }

  synchronized void debit(long tokens, long perMinute, long nowMicros) {
    refill(perMinute, nowMicros);
    level = Math.max(level - tokens * SCALE, -perMinute * SCALE);
  }

  synchronized void refund(long tokens, long perMinute) {
    level = Math.min(level + tokens * SCALE, perMinute * SCALE);
  }

  private void refill(long perMinute, long nowMicros) {
    long full = perMinute * SCALE;
    if (!started) {
      started = true;
      level = full;
    } else if (nowMicros > lastMicros) {
      long elapsed = nowMicros - lastMicros;
      long gain = elapsed >= SCALE ? full : elapsed * perMinute;
      level = Math.min(full, level + gain);
    }
    level = Math.min(level, full);
    lastMicros = Math.max(lastMicros, nowMicros);
  }

  private static long ceilSeconds(long units, long perMinute) {
    if (units <= 0 || perMinute <= 0) {
      return units <= 0 ? 0 : Long.MAX_VALUE / 1_000_000;
    }
    long micros = (units + perMinute - 1) / perMinute;
    return (micros + 999_999) / 1_000_000;
  }
}
