package dev.atrium.billing;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One tenant's use of one meter in one month, in memory: {@code used} (committed, loaded from the
 * daily rollup once and then kept up to date by the ledger), {@code pending} (recorded, not yet
 * committed) and {@code reserved} (held by running work). Guarded by its own monitor.
 */
final class QuotaAccount {
  private final UUID tenantId;
  private final String meter;
  private final BillingPeriod period;
  long used;
  long pending;
  long reserved;
  boolean loaded;
  int warned;
  CompletableFuture<Void> loading;

  QuotaAccount(UUID tenantId, String meter, BillingPeriod period) {
    this.tenantId = tenantId;
    this.meter = meter;
    this.period = period;
  }

  UUID tenantId() {
    return tenantId;
  }

  String meter() {
    return meter;
  }

  BillingPeriod period() {
    return period;
  }

  long committed() {
    return used + pending + reserved;
  }
}
