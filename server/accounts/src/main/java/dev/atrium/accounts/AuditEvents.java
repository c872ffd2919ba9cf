package dev.atrium.accounts;

import dev.atrium.persistence.AuditEvent;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Builds audit-log entries for what a request did. Never put secrets in {@code details}. */
final class AuditEvents {
  private AuditEvents() {}

  static AuditEvent of(
      UUID tenantId,
      String actor,
      String action,
      String target,
      RoutingContext ctx,
      JsonObject details) {
    return new AuditEvent(
        0,
        tenantId,
        actor,
        action,
        target,
        ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress(),
        details == null ? null : details.encode(),
        OffsetDateTime.now(ZoneOffset.UTC));
  }

  static JsonObject toJson(AuditEvent e) {
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
