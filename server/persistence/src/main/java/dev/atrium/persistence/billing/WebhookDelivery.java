package dev.atrium.persistence.billing;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One attempt to tell a tenant's webhook of an alert: {@code status} is the HTTP status answered
 * (null when none came), {@code error} what went wrong (null when delivered).
 */
public record WebhookDelivery(
    UUID id,
    UUID tenantId,
    UUID alertId,
    int attempt,
    String url,
    Integer status,
    String error,
    boolean delivered,
    OffsetDateTime attemptedAt) {}
