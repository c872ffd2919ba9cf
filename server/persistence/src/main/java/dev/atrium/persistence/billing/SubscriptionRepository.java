package dev.atrium.persistence.billing;

import static dev.atrium.persistence.jooq.Tables.SUBSCRIPTIONS;
import static dev.atrium.persistence.jooq.Tables.TENANTS;
import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.jooq.tables.records.SubscriptionsRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/** A tenant's subscriptions over time, oldest first. */
public final class SubscriptionRepository {
  private final DSLContext dsl;

  public SubscriptionRepository(DSLContext dsl) {
    this.dsl = requireNonNull(dsl, "dsl is null");
  }

  public List<Subscription> list(UUID tenantId) {
    return dsl.selectFrom(SUBSCRIPTIONS)
        .where(SUBSCRIPTIONS.TENANT_ID.eq(tenantId))
        .orderBy(SUBSCRIPTIONS.STARTS_AT, SUBSCRIPTIONS.CREATED_AT)
        .fetch(SubscriptionRepository::toSubscription);
  }

  /**
   * Locks the tenant's row until the transaction ends, so plan changes of one tenant run one after
   * the other; returns false if there is no such tenant.
   */
  public boolean lockTenant(UUID tenantId) {
    return dsl.select(TENANTS.ID)
        .from(TENANTS)
        .where(TENANTS.ID.eq(tenantId))
        .forUpdate()
        .fetchOptional()
        .isPresent();
  }

  public void insert(Subscription s) {
    dsl.insertInto(SUBSCRIPTIONS)
        .set(SUBSCRIPTIONS.ID, s.id())
        .set(SUBSCRIPTIONS.TENANT_ID, s.tenantId())
        .set(SUBSCRIPTIONS.PLAN_ID, s.planId())
        .set(SUBSCRIPTIONS.STARTS_AT, s.startsAt())
        .set(SUBSCRIPTIONS.ENDS_AT, s.endsAt())
        .set(SUBSCRIPTIONS.DISCOUNT_PERCENT, s.discountPercent())
        .set(SUBSCRIPTIONS.CREATED_AT, s.createdAt())
        .execute();
  }

  public void end(UUID tenantId, UUID subscriptionId, OffsetDateTime endsAt) {
    dsl.update(SUBSCRIPTIONS)
        .set(SUBSCRIPTIONS.ENDS_AT, endsAt)
        .where(SUBSCRIPTIONS.TENANT_ID.eq(tenantId))
        .and(SUBSCRIPTIONS.ID.eq(subscriptionId))
        .execute();
  }

  /** Removes subscriptions that start at or after {@code at} (replaced by a newer change). */
  public void deleteStartingFrom(UUID tenantId, OffsetDateTime at) {
    dsl.deleteFrom(SUBSCRIPTIONS)
        .where(SUBSCRIPTIONS.TENANT_ID.eq(tenantId))
        .and(SUBSCRIPTIONS.STARTS_AT.ge(at))
        .execute();
  }

  private static Subscription toSubscription(SubscriptionsRecord r) {
    return new Subscription(
        r.getId(),
        r.getTenantId(),
        r.getPlanId(),
        r.getStartsAt(),
        r.getEndsAt(),
        r.getDiscountPercent(),
        r.getCreatedAt());
  }
}
