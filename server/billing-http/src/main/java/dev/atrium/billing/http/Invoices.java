package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.db.Db;
import dev.atrium.persistence.Tenant;
import dev.atrium.persistence.TenantRepository;
import dev.atrium.persistence.billing.Invoice;
import dev.atrium.persistence.billing.InvoiceRepository;
import dev.atrium.shared.Problem;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Invoices already written: reading them, and the operator finalising or voiding one. */
public final class Invoices {
  private final Db db;

  public Invoices(Db db) {
    this.db = requireNonNull(db, "db is null");
  }

  /** The tenant's invoices that are not drafts. */
  public Future<List<Invoice>> list(UUID tenantId) {
    return db.read(dsl -> new InvoiceRepository(dsl).list(tenantId, false));
  }

  /** Every invoice of {@code period}, each with its tenant's name (null once erased). */
  public Future<List<Named>> listPeriod(String period) {
    return db.read(
        dsl -> {
          TenantRepository tenants = new TenantRepository(dsl);
          Map<UUID, String> names = new HashMap<>();
          List<Named> named = new ArrayList<>();
          for (Invoice i : new InvoiceRepository(dsl).listPeriod(period)) {
            String name =
                names.computeIfAbsent(
                    i.tenantId(), id -> tenants.find(id).map(Tenant::name).orElse(null));
            named.add(new Named(i, name));
          }
          return named;
        });
  }

  /** The invoice {@code id} of {@code tenantId} (null: of any tenant). */
  public Future<Optional<Invoice>> find(UUID tenantId, UUID id) {
    return db.read(dsl -> new InvoiceRepository(dsl).find(tenantId, id));
  }

  /**
   * Finalises a draft ({@code finalise}) or voids an invoice at {@code now}, and answers it as
   * saved: 404 when there is no such invoice, 409 {@code invalid_status} when its status forbids.
   */
  public Future<Invoice> transition(UUID id, boolean finalise, OffsetDateTime now) {
    return db.transaction(
        dsl -> {
          InvoiceRepository invoices = new InvoiceRepository(dsl);
          Invoice invoice =
              invoices.find(null, id).orElseThrow(() -> Problem.notFound("The invoice"));
          boolean changed = finalise ? invoices.finalise(id, now) : invoices.voidInvoice(id, now);
          if (!changed) {
            throw Problem.conflict(
                "invalid_status",
                "The invoice is "
                    + invoice.status()
                    + "; it cannot be "
                    + (finalise ? "finalised." : "voided."));
          }
          return invoices.find(null, id).orElseThrow();
        });
  }

  /** An invoice and the name of its tenant. */
  public record Named(Invoice invoice, String tenantName) {}
}
