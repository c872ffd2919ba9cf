package dev.atrium.persistence;

import static dev.atrium.persistence.jooq.Tables.TENANTS;
import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.jooq.tables.records.TenantsRecord;
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

  /** All tenants, oldest first, one page at a time. */
  public List<Tenant> list(int offset, int limit) {
    return dsl.selectFrom(TENANTS)
        .orderBy(TENANTS.CREATED_AT, TENANTS.ID)
        .offset(offset)
        .limit(limit)
        .fetch(TenantRepository::toTenant);
  }

  private static Tenant toTenant(TenantsRecord r) {
    return new Tenant(r.getId(), r.getName(), r.getCreatedAt());
  }
}
