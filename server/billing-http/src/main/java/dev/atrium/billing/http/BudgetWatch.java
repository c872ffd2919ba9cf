package dev.atrium.billing.http;

import static java.util.Objects.requireNonNull;

import dev.atrium.billing.Billing;
import dev.atrium.db.Db;
import dev.atrium.persistence.billing.Budget;
import dev.atrium.persistence.billing.BudgetAlert;
import dev.atrium.persistence.billing.BudgetRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the charges of tenants with a budget this month ({@link TenantMonths}: fee, usage beyond
 * allowances, discount and tax) with their thresholds and raises each threshold once a month,
 * telling the tenant's webhook. Runs every {@code budgets.check-interval-seconds} for every budget,
 * and at once for a budget just set: a few queries per tenant with a budget per interval, never any
 * per API request.
 */
public final class BudgetWatch {
  private static final Logger LOG = LoggerFactory.getLogger(BudgetWatch.class);
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final Db db;
  private final Billing billing;
  private final BudgetWebhook webhook;

  /**
   * Watches with webhooks tried {@code webhookAttempts} times, each for at most {@code
   * webhookTimeoutMillis}, to public https addresses only unless {@code allowPrivateNetworks}.
   */
  public BudgetWatch(
      Vertx vertx,
      Db db,
      Billing billing,
      int webhookAttempts,
      int webhookTimeoutMillis,
      boolean allowPrivateNetworks) {
    this.db = requireNonNull(db, "db is null");
    this.billing = requireNonNull(billing, "billing is null");
    this.webhook =
        new BudgetWebhook(
            vertx,
            db,
            new WebhookAddress(allowPrivateNetworks),
            webhookAttempts,
            webhookTimeoutMillis,
            billing.clock());
  }

  /** Where webhooks may point: what a budget is checked against when saved. */
  WebhookAddress addresses() {
    return webhook.addresses();
  }

  /** Checks every budget, one tenant after the other. */
  public Future<Void> checkAll() {
    return db.read(dsl -> new BudgetRepository(dsl).all())
        .compose(
            budgets -> {
              Future<Void> chain = Future.succeededFuture();
              for (Budget budget : budgets) {
                chain =
                    chain.compose(
                        v ->
                            check(budget)
                                .<Void>mapEmpty()
                                .otherwise(
                                    failure -> {
                                      LOG.warn(
                                          "Budget check of tenant {} failed: {}",
                                          budget.tenantId(),
                                          failure.getMessage());
                                      return null;
                                    }));
              }
              return chain;
            });
  }

  /** Raises the thresholds of {@code budget} the month's charges have reached; returns them. */
  Future<List<BudgetAlert>> check(Budget budget) {
    return Future.fromCompletionStage(billing.recorder().flush())
        .compose(flushed -> db.transaction(dsl -> raise(dsl, budget)))
        .onSuccess(
            raised -> {
              if (budget.webhookUrl() != null) {
                raised.forEach(alert -> webhook.deliver(budget, alert));
              }
            });
  }

  private List<BudgetAlert> raise(DSLContext dsl, Budget budget) {
    OffsetDateTime now = OffsetDateTime.now(billing.clock());
    TenantMonths.TenantMonth estimate =
        new TenantMonths(billing).read(dsl, TenantMonths.plans(dsl), budget.tenantId(), now);
    BigDecimal spent = estimate.estimate().total();
    String period = estimate.period().toString();
    BudgetRepository budgets = new BudgetRepository(dsl);
    List<Integer> already = budgets.raisedPercents(budget.tenantId(), period);
    List<BudgetAlert> raised = new ArrayList<>();
    for (int percent : budget.thresholds()) {
      boolean reached =
          spent
                  .multiply(HUNDRED)
                  .compareTo(budget.monthlyAmount().multiply(BigDecimal.valueOf(percent)))
              >= 0;
      if (reached && !already.contains(percent)) {
        BudgetAlert alert =
            new BudgetAlert(
                UUID.randomUUID(),
                budget.tenantId(),
                period,
                percent,
                budget.monthlyAmount(),
                spent,
                estimate.estimate().currency(),
                now,
                null);
        budgets.raise(alert);
        raised.add(alert);
      }
    }
    return raised;
  }
}
