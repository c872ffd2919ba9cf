package dev.atrium.app.privacy;

import static dev.atrium.persistence.jooq.Tables.API_KEYS;
import static dev.atrium.persistence.jooq.Tables.INVOICES;
import static dev.atrium.persistence.jooq.Tables.INVOICE_LINES;
import static java.util.Objects.requireNonNull;

import dev.atrium.accounts.auth.ApiKeyAuthenticator;
import dev.atrium.billing.UsageRecorder;
import dev.atrium.db.Db;
import dev.atrium.host.PluginHost;
import dev.atrium.persistence.AuditEvent;
import dev.atrium.persistence.AuditRepository;
import dev.atrium.persistence.Tenant;
import dev.atrium.persistence.TenantRepository;
import dev.atrium.persistence.TenantTables;
import dev.atrium.shared.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Deletes a tenant and everything it owns: its rows in every tenant-owned table ({@link
 * TenantTables}), its plugin blobs (rows too) and its plugins' vector indexes; then the plugins
 * forget it (its jobs cancelled, {@code AtriumPlugin.tenantDeleted} called). Usage still queued in
 * the ledger or its journal is written first, so it is deleted with the rest; the ledger is flushed
 * again after the keys stop working and the usage tables swept a second time for anything an
 * in-flight request recorded meanwhile. API keys stop at once (their cache entries are dropped);
 * dashboard sessions stop because their users are gone. Invoices are accounting records that the
 * law keeps for years: they are copied, without the users, to {@code <retained>/<tenant-id>.json}
 * before their rows go (docs/privacy.md). The audit log keeps one platform entry, {@code
 * tenant.deleted}, with the tenant id and row counts and no personal data.
 */
public final class TenantErasure {
  private final Db db;
  private final ApiKeyAuthenticator keys;
  private final UsageRecorder usage;
  private final PluginHost plugins;
  private final RetainedInvoices retainedInvoices;
  private final int invoiceRetentionYears;
  private final Clock clock;

  public TenantErasure(
      Db db,
      ApiKeyAuthenticator keys,
      UsageRecorder usage,
      PluginHost plugins,
      RetainedInvoices retainedInvoices,
      int invoiceRetentionYears,
      Clock clock) {
    this.db = requireNonNull(db, "db is null");
    this.keys = requireNonNull(keys, "keys is null");
    this.usage = requireNonNull(usage, "usage is null");
    this.plugins = requireNonNull(plugins, "plugins is null");
    this.retainedInvoices = requireNonNull(retainedInvoices, "retainedInvoices is null");
    this.invoiceRetentionYears = invoiceRetentionYears;
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** What one deletion removed and kept. */
  private record Erased(JsonObject receipt, List<String> keyHashes) {}

  /**
   * Deletes the tenant if {@code confirm} is its exact name (else 400 {@code
   * confirmation_mismatch}); {@code actor} is recorded in the audit entry. Answers the receipt.
   */
  public Future<JsonObject> erase(UUID tenantId, String confirm, String actor) {
    return Future.fromCompletionStage(usage.flush())
        .compose(v -> db.transaction(dsl -> eraseRows(dsl, tenantId, confirm, actor)))
        .compose(
            erased -> {
              erased.keyHashes().forEach(keys::invalidate);
              return db.blocking(() -> plugins.dropTenantIndexes(tenantId))
                  .map(indexes -> erased.receipt().put("vectorIndexes", indexes))
                  .compose(
                      receipt ->
                          Future.fromCompletionStage(plugins.tenantDeleted(tenantId))
                              .map(told -> receipt.put("pluginsNotified", told)))
                  .compose(receipt -> Future.fromCompletionStage(usage.flush()).map(receipt));
            })
        .compose(
            receipt ->
                db.transaction(dsl -> new TenantTables(dsl).delete(tenantId, TenantTables.USAGE))
                    .map(
                        late -> {
                          JsonObject rows = receipt.getJsonObject("rows");
                          late.forEach((t, n) -> rows.put(t, rows.getInteger(t) + n));
                          return receipt;
                        }));
  }

  private Erased eraseRows(DSLContext dsl, UUID tenantId, String confirm, String actor) {
    Tenant tenant =
        new TenantRepository(dsl).find(tenantId).orElseThrow(() -> Problem.notFound("The tenant"));
    if (!tenant.name().equals(confirm)) {
      throw Problem.badRequest(
          "confirmation_mismatch",
          "To delete the tenant and all its data, send its exact name as 'confirm'.");
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<String> keyHashes =
        dsl.select(API_KEYS.KEY_HASH)
            .from(API_KEYS)
            .where(API_KEYS.TENANT_ID.eq(tenantId))
            .fetch(API_KEYS.KEY_HASH);
    int invoices = retainInvoices(dsl, tenant, now);
    Map<String, Integer> deleted = new TenantTables(dsl).delete(tenantId, TenantTables.OWNED);
    JsonObject receipt =
        new JsonObject()
            .put("tenantId", tenantId.toString())
            .put("deletedAt", now.toString())
            .put("rows", new JsonObject(new LinkedHashMap<>(deleted)))
            .put("invoicesRetained", invoices)
            .put("invoicesRetainedUntil", now.plusYears(invoiceRetentionYears).toString());
    new AuditRepository(dsl)
        .append(
            new AuditEvent(
                0,
                null,
                actor,
                "tenant.deleted",
                "tenant:" + tenantId,
                null,
                receipt.encode(),
                now));
    return new Erased(receipt, keyHashes);
  }

  /** Writes the tenant's invoices and their lines to its retention file; returns how many. */
  private int retainInvoices(DSLContext dsl, Tenant tenant, OffsetDateTime now) {
    TenantTables tables = new TenantTables(dsl);
    JsonArray invoices = new JsonArray();
    tables.forEach(INVOICES, tenant.id(), row -> invoices.add(RowJson.of(INVOICES.getName(), row)));
    if (invoices.isEmpty()) {
      return 0;
    }
    JsonArray lines = new JsonArray();
    tables.forEach(
        INVOICE_LINES, tenant.id(), row -> lines.add(RowJson.of(INVOICE_LINES.getName(), row)));
    retainedInvoices.write(
        tenant.id(),
        new JsonObject()
            .put("tenantId", tenant.id().toString())
            .put("tenantName", tenant.name())
            .put("deletedAt", now.toString())
            .put("retainUntil", now.plusYears(invoiceRetentionYears).toString())
            .put("invoices", invoices)
            .put("invoiceLines", lines));
    return invoices.size();
  }
}
