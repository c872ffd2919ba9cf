package dev.atrium.persistence.billing;

import static dev.atrium.persistence.jooq.Tables.BUDGETS;
import static dev.atrium.persistence.jooq.Tables.BUDGET_ALERTS;
import static dev.atrium.persistence.jooq.Tables.WEBHOOK_DELIVERIES;
import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.jooq.tables.records.BudgetAlertsRecord;
import dev.atrium.persistence.jooq.tables.records.BudgetsRecord;
import dev.atrium.persistence.jooq.tables.records.WebhookDeliveriesRecord;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** Tenants' budgets, the alerts they raised and the webhook deliveries of those alerts. */
public final class BudgetRepository {
  private final DSLContext dsl;

  public BudgetRepository(DSLContext dsl) {
    this.dsl = requireNonNull(dsl, "dsl is null");
  }

  public Optional<Budget> find(UUID tenantId) {
    return dsl.selectFrom(BUDGETS)
        .where(BUDGETS.TENANT_ID.eq(tenantId))
        .fetchOptional()
        .map(BudgetRepository::budget);
  }

  /** Every tenant's budget, for the periodic check. */
  public List<Budget> all() {
    return dsl.selectFrom(BUDGETS).fetch(BudgetRepository::budget);
  }

  /** Creates or replaces the tenant's budget. */
  public void save(Budget budget) {
    BudgetsRecord record =
        new BudgetsRecord(
            budget.tenantId(),
            budget.monthlyAmount(),
            budget.thresholds().stream().map(String::valueOf).collect(Collectors.joining(" ")),
            budget.webhookUrl(),
            budget.webhookSecret(),
            budget.updatedAt());
    dsl.attach(record);
    if (dsl.fetchExists(BUDGETS, BUDGETS.TENANT_ID.eq(budget.tenantId()))) {
      record.changed(BUDGETS.TENANT_ID, false);
      record.update();
    } else {
      record.insert();
    }
  }

  /** Removes the tenant's budget; its past alerts stay. Returns whether there was one. */
  public boolean delete(UUID tenantId) {
    return dsl.deleteFrom(BUDGETS).where(BUDGETS.TENANT_ID.eq(tenantId)).execute() > 0;
  }

  /** The thresholds already raised in {@code period}. */
  public List<Integer> raisedPercents(UUID tenantId, String period) {
    return dsl.select(BUDGET_ALERTS.PERCENT)
        .from(BUDGET_ALERTS)
        .where(BUDGET_ALERTS.TENANT_ID.eq(tenantId))
        .and(BUDGET_ALERTS.PERIOD.eq(period))
        .fetch(BUDGET_ALERTS.PERCENT);
  }

  /** Stores a new alert; a second of the same tenant, period and percent fails the unique key. */
  public void raise(BudgetAlert alert) {
    BudgetAlertsRecord row = dsl.newRecord(BUDGET_ALERTS);
    row.setId(alert.id());
    row.setTenantId(alert.tenantId());
    row.setPeriod(alert.period());
    row.setPercent(alert.percent());
    row.setBudget(alert.budget());
    row.setSpent(alert.spent());
    row.setCurrency(alert.currency());
    row.setRaisedAt(alert.raisedAt());
    row.setDismissedAt(alert.dismissedAt());
    row.insert();
  }

  /**
   * Dismisses the tenant's alert {@code alertId} and every lower alert of its month not dismissed
   * yet; returns false when the tenant has no such alert.
   */
  public boolean dismiss(UUID tenantId, UUID alertId, OffsetDateTime at) {
    BudgetAlertsRecord alert =
        dsl.selectFrom(BUDGET_ALERTS)
            .where(BUDGET_ALERTS.TENANT_ID.eq(tenantId))
            .and(BUDGET_ALERTS.ID.eq(alertId))
            .fetchOne();
    if (alert == null) {
      return false;
    }
    dsl.update(BUDGET_ALERTS)
        .set(BUDGET_ALERTS.DISMISSED_AT, at)
        .where(BUDGET_ALERTS.TENANT_ID.eq(tenantId))
        .and(BUDGET_ALERTS.PERIOD.eq(alert.getPeriod()))
        .and(BUDGET_ALERTS.PERCENT.le(alert.getPercent()))
        .and(BUDGET_ALERTS.DISMISSED_AT.isNull())
        .execute();
    return true;
  }

  /** The tenant's alerts of {@code period}, the highest threshold first. */
  public List<BudgetAlert> alerts(UUID tenantId, String period) {
    return dsl.selectFrom(BUDGET_ALERTS)
        .where(BUDGET_ALERTS.TENANT_ID.eq(tenantId))
        .and(BUDGET_ALERTS.PERIOD.eq(period))
        .orderBy(BUDGET_ALERTS.PERCENT.desc())
        .fetch(BudgetRepository::alert);
  }

  public void recordDelivery(WebhookDelivery d) {
    dsl.executeInsert(
        new WebhookDeliveriesRecord(
            d.id(),
            d.tenantId(),
            d.alertId(),
            d.attempt(),
            d.url(),
            d.status(),
            d.error(),
            d.delivered(),
            d.attemptedAt()));
  }

  /** The tenant's latest delivery attempts, newest first. */
  public List<WebhookDelivery> deliveries(UUID tenantId, int limit) {
    return dsl.selectFrom(WEBHOOK_DELIVERIES)
        .where(WEBHOOK_DELIVERIES.TENANT_ID.eq(tenantId))
        .orderBy(WEBHOOK_DELIVERIES.ATTEMPTED_AT.desc(), WEBHOOK_DELIVERIES.ATTEMPT.desc())
        .limit(limit)
        .fetch(
            r ->
                new WebhookDelivery(
                    r.getId(),
                    r.getTenantId(),
                    r.getAlertId(),
                    r.getAttempt(),
                    r.getUrl(),
                    r.getStatus(),
                    r.getError(),
                    r.getDelivered(),
                    r.getAttemptedAt()));
  }

  private static Budget budget(BudgetsRecord r) {
    return new Budget(
        r.getTenantId(),
        r.getMonthlyAmount(),
        Arrays.stream(r.getThresholds().split(" ")).map(Integer::valueOf).toList(),
        r.getWebhookUrl(),
        r.getWebhookSecret(),
        r.getUpdatedAt());
  }

  private static BudgetAlert alert(BudgetAlertsRecord r) {
    return new BudgetAlert(
        r.getId(),
        r.getTenantId(),
        r.getPeriod(),
        r.getPercent(),
        r.getBudget(),
        r.getSpent(),
        r.getCurrency(),
        r.getRaisedAt(),
        r.getDismissedAt());
  }
}
