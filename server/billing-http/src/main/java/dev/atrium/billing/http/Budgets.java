package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.Billing;
import dev.atrium.db.Db;
import dev.atrium.persistence.billing.Budget;
import dev.atrium.persistence.billing.BudgetAlert;
import dev.atrium.persistence.billing.BudgetRepository;
import dev.atrium.persistence.billing.WebhookDelivery;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Each tenant's monthly budget, its webhook's signing secret, and the alerts it raised. */
public final class Budgets {
  private final Db db;
  private final TenantMonths months;

  public Budgets(Db db, Billing billing) {
    this.db = requireNonNull(db, "db is null");
    this.months = new TenantMonths(requireNonNull(billing, "billing is null"));
  }

  /**
   * The tenant's budget (if any), this month's charges so far, the month's alerts and the latest
   * {@code deliveries} webhook deliveries, as of {@code now}.
   */
  public Future<Overview> overview(UUID tenantId, OffsetDateTime now, int deliveries) {
    return db.read(
        dsl -> {
          BudgetRepository budgets = new BudgetRepository(dsl);
          TenantMonths.TenantMonth month = months.read(dsl, TenantMonths.plans(dsl), tenantId, now);
          String period = month.period().toString();
          return new Overview(
              budgets.find(tenantId),
              month,
              budgets.alerts(tenantId, period),
              budgets.deliveries(tenantId, deliveries));
        });
  }

  /** Removes the tenant's budget (its past alerts stay); answers whether there was one. */
  public Future<Boolean> delete(UUID tenantId) {
    return db.transaction(dsl -> new BudgetRepository(dsl).delete(tenantId));
  }

  /** The alerts the tenant's budget raised in {@code period}, the highest threshold first. */
  public Future<List<BudgetAlert>> alerts(UUID tenantId, String period) {
    return db.read(dsl -> new BudgetRepository(dsl).alerts(tenantId, period));
  }

  /**
   * Dismisses the tenant's alert {@code alertId} (and the lower alerts of its month) as of {@code
   * now}; answers whether the tenant has that alert.
   */
  public Future<Boolean> dismiss(UUID tenantId, UUID alertId, OffsetDateTime now) {
    return db.transaction(dsl -> new BudgetRepository(dsl).dismiss(tenantId, alertId, now));
  }

  /**
   * Saves the tenant's budget. A webhook keeps its signing secret while its URL stays the same,
   * unless {@code rotateSecret}; a new URL gets a new secret, no URL none.
   */
  public Future<Saved> save(
      UUID tenantId,
      BigDecimal amount,
      List<Integer> thresholds,
      String webhookUrl,
      boolean rotateSecret,
      OffsetDateTime now) {
    return db.transaction(
        dsl -> {
          BudgetRepository budgets = new BudgetRepository(dsl);
          Optional<Budget> before = budgets.find(tenantId);
          String secret =
              webhookUrl == null
                  ? null
                  : before
                      .filter(b -> webhookUrl.equals(b.webhookUrl()) && !rotateSecret)
                      .map(Budget::webhookSecret)
                      .orElseGet(BudgetWebhook::newSecret);
          Budget budget = new Budget(tenantId, amount, thresholds, webhookUrl, secret, now);
          budgets.save(budget);
          boolean secretIsNew =
              secret != null && !secret.equals(before.map(Budget::webhookSecret).orElse(null));
          return new Saved(budget, secretIsNew);
        });
  }

  /** What the budget's page shows. */
  record Overview(
      Optional<Budget> budget,
      TenantMonths.TenantMonth month,
      List<BudgetAlert> alerts,
      List<WebhookDelivery> deliveries) {}

  /** A saved budget, and whether its webhook secret is new (and so shown once). */
  public record Saved(Budget budget, boolean newSecret) {}
}
