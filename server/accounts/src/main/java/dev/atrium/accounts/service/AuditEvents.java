package dev.atrium.accounts.service;

import dev.atrium.persistence.AuditEvent;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Builds audit-log entries for what a request did. Never put secrets in {@code details}. */
public final class AuditEvents {
  private AuditEvents() {}

  /** An entry written now; {@code ip} is the caller's address (null when unknown). */
  public static AuditEvent of(
      UUID tenantId, String actor, String action, String target, String ip, JsonObject details) {
    return new AuditEvent(
        0,
        tenantId,
        actor,
        action,
        target,
        ip,
        details == null ? null : details.encode(),
        OffsetDateTime.now(ZoneOffset.UTC));
  }

  public static JsonObject toJson(AuditEvent e) {
    return new JsonObject()
        .put("id", e.id())
        .put("actor", e.actor())
        .put("action", e.action())
        .put("target", e.target())
        .put("ip", e.ip())
        .put("details", e.details() == null ? null : new JsonObject(e.details()))
        .put("occurredAt", e.occurredAt().toString());
  }
}
