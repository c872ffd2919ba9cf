package dev.atrium.persistence.requests;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One API-key request as the request log keeps it: {@code route} is the route's template, {@code
 * cost} the list price of the usage it committed, {@code errorCode} the problem code of an error
 * answer (else null).
 */
public record RequestLogEntry(
    UUID tenantId,
    UUID requestId,
    OffsetDateTime occurredAt,
    UUID keyId,
    String method,
    String route,
    int status,
    long latencyMicros,
    long tokens,
    BigDecimal cost,
    String errorCode) {}
