package dev.atrium.persistence.billing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A threshold of a budget crossed in {@code period} (YYYY-MM): {@code spent} of {@code budget} at
 * {@code raisedAt}; {@code dismissedAt} once the tenant dismissed the dashboard's notice of it (or
 * of a higher threshold of the same month), null before.
 */
public record BudgetAlert(
    UUID id,
    UUID tenantId,
    String period,
    int percent,
    BigDecimal budget,
    BigDecimal spent,
    String currency,
    OffsetDateTime raisedAt,
    OffsetDateTime dismissedAt) {}
