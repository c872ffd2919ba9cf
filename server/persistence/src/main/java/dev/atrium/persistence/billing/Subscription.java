package dev.atrium.persistence.billing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A tenant on a plan over [startsAt, endsAt); endsAt is null while it lasts. */
public record Subscription(
    UUID id,
    UUID tenantId,
    String planId,
    OffsetDateTime startsAt,
    OffsetDateTime endsAt,
    BigDecimal discountPercent,
    OffsetDateTime createdAt) {}
