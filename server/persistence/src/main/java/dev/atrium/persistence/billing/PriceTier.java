package dev.atrium.persistence.billing;

import java.math.BigDecimal;

/** Billable units numbered from 0: from {@code firstUnit} on, each costs {@code unitPrice}. */
public record PriceTier(long firstUnit, BigDecimal unitPrice) {}
