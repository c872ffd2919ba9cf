package dev.atrium.billing;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock billing reads: the system clock, moved forward by a test clock's offset. Like a Stripe
 * test clock it only ever advances, so no usage, subscription or invoice can be written before one
 * already written. The offset is zero unless an operator advances it on a server that allows it
 * (see {@code billing.test-clock} in docs/configuration.md).
 */
public final class BillingClock extends Clock {
  private final Clock base;
  private final AtomicReference<Duration> offset;

  public BillingClock(Clock base) {
    this(base, new AtomicReference<>(Duration.ZERO));
  }

  private BillingClock(Clock base, AtomicReference<Duration> offset) {
    this.base = requireNonNull(base, "base is null");
    this.offset = offset;
  }

  /** How far billing time is ahead of the base clock. */
  public Duration offset() {
    return offset.get();
  }

  /**
   * Moves billing time forward to {@code target}; throws IllegalArgumentException if that is not
   * after billing time now.
   */
  public synchronized Instant advanceTo(Instant target) {
    Instant now = instant();
    if (!target.isAfter(now)) {
      throw new IllegalArgumentException("billing time is already " + now);
    }
    offset.set(offset.get().plus(Duration.between(now, target)));
    return instant();
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new BillingClock(base.withZone(zone), offset);
  }
}
