package dev.atrium.persistence.requests;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Which of a tenant's log lines to list, newest first: each field null for "any". {@code
 * statusClass} is the hundreds digit (2 for 2xx); {@code before} pages on from a request id.
 */
public record RequestLogFilter(
    OffsetDateTime from,
    OffsetDateTime to,
    UUID keyId,
    Integer statusClass,
    String route,
    UUID requestId,
    UUID before,
    int limit) {}
