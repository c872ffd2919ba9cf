package dev.atrium.billing;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Billing configuration: the plan new tenants start on, the invoice currency and tax rate, the
 * usage ledger's journal directory, largest database batch and longest wait before journaled usage
 * moves into the database, how many journaled events may wait for an unreachable database, how long
 * raw usage events are kept, and how long a tenant's plan is cached.
 */
public record BillingSettings(
    String defaultPlan,
    String currency,
    BigDecimal taxPercent,
    Path usageJournalDir,
    int ledgerBatchSize,
    Duration ledgerApplyInterval,
    int ledgerMaxUnapplied,
    int rawEventRetentionDays,
    Duration planCacheTtl) {

  /** The journal's default cap: {@code billing.ledger-max-unapplied-events}. */
  public static final int DEFAULT_MAX_UNAPPLIED = 200_000;

  /** With the journal's default cap. */
  public BillingSettings(
      String defaultPlan,
      String currency,
      BigDecimal taxPercent,
      Path usageJournalDir,
      int ledgerBatchSize,
      Duration ledgerApplyInterval,
      int rawEventRetentionDays,
      Duration planCacheTtl) {
    this(
        defaultPlan,
        currency,
        taxPercent,
        usageJournalDir,
        ledgerBatchSize,
        ledgerApplyInterval,
        DEFAULT_MAX_UNAPPLIED,
        rawEventRetentionDays,
        planCacheTtl);
  }

  public BillingSettings {
    requireNonNull(defaultPlan, "defaultPlan is null");
    requireNonNull(currency, "currency is null");
    requireNonNull(taxPercent, "taxPercent is null");
    requireNonNull(usageJournalDir, "usageJournalDir is null");
    requireNonNull(ledgerApplyInterval, "ledgerApplyInterval is null");
    requireNonNull(planCacheTtl, "planCacheTtl is null");
    if (taxPercent.signum() < 0 || taxPercent.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new IllegalArgumentException("the tax rate must be between 0 and 100 percent");
    }
    if (ledgerBatchSize < 1 || ledgerBatchSize > 20_000) {
      throw new IllegalArgumentException("the ledger batch size must be between 1 and 20000");
    }
    if (ledgerApplyInterval.isNegative()
        || ledgerApplyInterval.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException(
          "the ledger apply interval must be between 0 and 60000 ms");
    }
    if (ledgerMaxUnapplied < ledgerBatchSize) {
      throw new IllegalArgumentException(
          "the ledger's journal cap must be at least its batch size (" + ledgerBatchSize + ")");
    }
    if (rawEventRetentionDays < 1) {
      throw new IllegalArgumentException("raw events must be kept at least one day");
    }
  }
}
