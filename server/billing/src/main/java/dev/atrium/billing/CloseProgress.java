package dev.atrium.billing;

import java.time.Instant;

/**
 * Where a monthly close stands: {@code running}, {@code done} or {@code failed}; tenants looked at,
 * invoices created, tenants skipped (invoice already there, or no plan in the month).
 */
public record CloseProgress(
    String period,
    String state,
    boolean draft,
    int tenantsDone,
    int invoicesCreated,
    int tenantsSkipped,
    Instant startedAt,
    Instant finishedAt,
    String error) {}
