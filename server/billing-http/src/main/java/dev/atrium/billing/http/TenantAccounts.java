package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.Billing;
import dev.atrium.db.Db;
import dev.atrium.persistence.Tenant;
import dev.atrium.persistence.TenantRepository;
import dev.atrium.persistence.billing.Invoice;
import dev.atrium.persistence.billing.InvoiceRepository;
import dev.atrium.persistence.billing.Plan;
import dev.atrium.shared.Problem;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tenants as the operator's billing views read them: each tenant with its month in money ({@link
 * TenantMonths}), and one tenant's account with its invoices, drafts included.
 */
public final class TenantAccounts {
  private final Db db;
  private final TenantMonths months;

  public TenantAccounts(Db db, Billing billing) {
    this.db = requireNonNull(db, "db is null");
    this.months = new TenantMonths(requireNonNull(billing, "billing is null"));
  }

  /**
   * Tenants oldest first, {@code limit} from {@code offset}, each with the month of {@code now}.
   */
  Future<List<TenantAccount>> list(int offset, int limit, OffsetDateTime now) {
    return db.read(
        dsl -> {
          Map<String, Plan> plans = TenantMonths.plans(dsl);
          List<TenantAccount> accounts = new ArrayList<>();
          for (Tenant tenant : new TenantRepository(dsl).list(offset, limit)) {
            accounts.add(new TenantAccount(tenant, months.read(dsl, plans, tenant.id(), now)));
          }
          return accounts;
        });
  }

  /** The tenant's account in the month of {@code now} with all its invoices; 404 for none. */
  Future<Detailed> find(UUID tenantId, OffsetDateTime now) {
    return db.read(
        dsl -> {
          Tenant tenant =
              new TenantRepository(dsl)
                  .find(tenantId)
                  .orElseThrow(() -> Problem.notFound("The tenant"));
          TenantMonths.TenantMonth month = months.read(dsl, TenantMonths.plans(dsl), tenantId, now);
          return new Detailed(
              new TenantAccount(tenant, month), new InvoiceRepository(dsl).list(tenantId, true));
        });
  }

  /** A tenant and its month. */
  record TenantAccount(Tenant tenant, TenantMonths.TenantMonth month) {}

  /** A tenant's account and its invoices, drafts included, as the repository lists them. */
  record Detailed(TenantAccount account, List<Invoice> invoices) {}
}
