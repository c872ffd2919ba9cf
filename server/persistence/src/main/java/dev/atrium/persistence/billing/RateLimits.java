package dev.atrium.persistence.billing;

/** A plan's token-bucket sizes, per API key and per tenant. */
public record RateLimits(
    long keyRequestsPerMinute,
    long tenantRequestsPerMinute,
    long keyTokensPerMinute,
    long tenantTokensPerMinute) {}
