package dev.atrium.persistence;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One entry of the append-only audit log. {@code details} is a JSON object rendered as text. {@code
 * tenantId} is null for platform-level events.
 */
public record AuditEvent(
    long id,
    UUID tenantId,
    String actor,
    String action,
    String target,
    String ip,
    String details,
    OffsetDateTime occurredAt) {}
