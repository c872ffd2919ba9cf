package dev.atrium.billing;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Units of a meter held against a tenant's hard limit while work runs. Settle it to the actual
 * quantity with {@link UsageRecorder#commit}, or {@link UsageRecorder#release} it if the work
 * failed; either ends it, and only the first does anything.
 */
public final class Reservation {
  private final QuotaAccount account;
  private final long held;
  private final AtomicBoolean open = new AtomicBoolean(true);

  Reservation(QuotaAccount account, long held) {
    this.account = account;
    this.held = held;
  }

  public UUID tenantId() {
    return account.tenantId();
  }

  public String meter() {
    return account.meter();
  }

  public long held() {
    return held;
  }

  QuotaAccount account() {
    return account;
  }

  /** True until it is settled or released. */
  boolean isOpen() {
    return open.get();
  }

  /** True exactly once: for the call that ends the reservation. */
  boolean end() {
    return open.compareAndSet(true, false);
  }
}
