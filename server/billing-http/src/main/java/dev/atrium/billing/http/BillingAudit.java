package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.QuotaWarning;
import dev.atrium.db.Db;
import dev.atrium.http.ClientAddress;
import dev.atrium.persistence.AuditEvent;
import dev.atrium.persistence.AuditRepository;
import dev.atrium.shared.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Billing's entries in the audit log: plan and subscription changes, closes, quota warnings. */
public final class BillingAudit {
  private static final Logger LOG = LoggerFactory.getLogger(BillingAudit.class);

  private final Db db;
  private final Clock clock;

  public BillingAudit(Db db, Clock clock) {
    this.db = requireNonNull(db, "db is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  Future<Void> record(
      RoutingContext ctx, UUID tenantId, String action, String target, JsonObject details) {
    return append(
        new AuditEvent(
            0,
            tenantId,
            Principal.of(ctx).actor(),
            action,
            target,
            ClientAddress.of(ctx),
            details == null ? null : details.encode(),
            OffsetDateTime.now(clock)));
  }

  /** Writes a soft-limit warning (80% or 100%) to the tenant's audit log; never blocks. */
  public void quotaWarning(QuotaWarning w) {
    JsonObject details =
        new JsonObject()
            .put("percent", w.percent())
            .put("used", w.used())
            .put("limit", w.limit())
            .put("period", w.period());
    append(
            new AuditEvent(
                0,
                w.tenantId(),
                "system:billing",
                "quota.warning",
                "meter:" + w.meter(),
                null,
                details.encode(),
                OffsetDateTime.now(clock)))
        .onFailure(e -> LOG.warn("Could not write the quota warning {}: {}", w, e.getMessage()));
  }

  private Future<Void> append(AuditEvent event) {
    return db.read(
        dsl -> {
          new AuditRepository(dsl).append(event);
          return null;
        });
  }
}
