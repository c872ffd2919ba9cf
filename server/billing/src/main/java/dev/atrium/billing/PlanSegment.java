package dev.atrium.billing;

import dev.atrium.persistence.billing.Plan;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A stretch of time [start, end) during which a tenant was on {@code plan} with a discount. */
public record PlanSegment(
    Plan plan, OffsetDateTime start, OffsetDateTime end, BigDecimal discountPercent) {}
