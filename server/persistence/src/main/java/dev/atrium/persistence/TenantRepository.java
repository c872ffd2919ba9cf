package dev.atrium.persistence;

import static dev.atrium.persistence.jooq.Tables.TENANTS;
import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.jooq.tables.records.TenantsRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** Tenants: created at signup, listed by the operator. */
public final class TenantRepository {
  private final DSLContext dsl;

  public TenantRepository(DSLContext dsl) {
    this.dsl = requireNonNull(dsl, "dsl is null");
  }

  public void insert(Tenant tenant) {
    dsl.insertInto(TENANTS)
        .set(TENANTS.ID, tenant.id())
        .set(TENANTS.NAME, tenant.name())
        .set(TENANTS.CREATED_AT, tenant.createdAt())
        .execute();
  }

  public Optional<Tenant> find(UUID tenantId) {
    return dsl.selectFrom(TENANTS)
        .where(TENANTS.ID.eq(tenantId))
        .fetchOptional()
        .map(TenantRepository::toTenant);
  }

  /**
   * Suspends an active tenant; returns false when there is no such tenant or it is already
   * suspended.
   */
  public boolean suspend(UUID tenantId, String reason, OffsetDateTime at) {
    return dsl.update(TENANTS)
            .set(TENANTS.SUSPENDED_AT, at)
            .set(TENANTS.SUSPENDED_REASON, reason)
            .where(TENANTS.ID.eq(tenantId))
            .and(TENANTS.SUSPENDED_AT.isNull())
            .execute()
        == 1;
  }

  /** Resumes a suspended tenant; returns false when there is no such tenant or it is active. */
  public boolean resume(UUID tenantId) {
    return dsl.update(TENANTS)
            .setNull(TENANTS.SUSPENDED_AT)
            .setNull(TENANTS.SUSPENDED_REASON)
            .where(TENANTS.ID.eq(tenantId))
            .and(TENANTS.SUSPENDED_AT.isNotNull())
            .execute()
        == 1;
  }

  /** All tenants, oldest first, one page at a time. */
  public List<Tenant> list(int offset, int limit) {
    return dsl.selectFrom(TENANTS)
        .orderBy(TENANTS.CREATED_AT, TENANTS.ID)
        .offset(offset)
        .limit(limit)
        .fetch(TenantRepository::toTenant);
  }

  private static Tenant toTenant(TenantsRecord r) {
    return new Tenant(
        r.getId(), r.getName(), r.getCreatedAt(), r.getSuspendedAt(), r.getSuspendedReason());
  }
}
