package dev.atrium.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * UUIDs of version 7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. Their text
 * sorts by time, so usage keys built from them land at the end of the usage table's primary key
 * index instead of all over it, and each ledger transaction rewrites a few index pages rather than
 * one per event. Unique without coordination across replicas; not secret.
 */
public final class TimeOrderedIds {
  private final LongSupplier millis;

  public TimeOrderedIds(LongSupplier millis) {
    this.millis = millis;
  }

  public UUID next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (millis.getAsLong() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low);
  }
}
