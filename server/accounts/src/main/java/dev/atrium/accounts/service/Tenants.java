package dev.atrium.accounts.service;

import static java.util.Objects.requireNonNull;

import dev.atrium.db.Db;
import dev.atrium.persistence.AuditRepository;
import dev.atrium.persistence.Tenant;
import dev.atrium.persistence.TenantRepository;
import dev.atrium.persistence.User;
import dev.atrium.persistence.UserRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tenants: signing one up with its owner, the signed-in user's account, the operator's list. */
public final class Tenants {
  private final Db db;

  public Tenants(Db db) {
    this.db = requireNonNull(db, "db is null");
  }

  /**
   * Creates {@code tenant} with {@code owner} in one transaction; fails with a database constraint
   * violation when the owner's e-mail address is taken.
   */
  public Future<User> signUp(Tenant tenant, User owner, String ip) {
    return db.transaction(
        dsl -> {
          new TenantRepository(dsl).insert(tenant);
          new UserRepository(dsl).insert(owner, null, null);
          new AuditRepository(dsl)
              .append(
                  AuditEvents.of(
                      tenant.id(),
                      "user:" + owner.id(),
                      "tenant.signup",
                      "tenant:" + tenant.id(),
                      ip,
                      new JsonObject().put("tenant", tenant.name()).put("email", owner.email())));
          return owner;
        });
  }

  /** The user {@code userId} (who must exist) and their tenant (none for the operator). */
  public Future<Account> account(UUID userId) {
    return db.read(
        dsl -> {
          User user = new UserRepository(dsl).findById(userId).orElseThrow();
          Optional<Tenant> tenant =
              user.tenantId() == null
                  ? Optional.empty()
                  : new TenantRepository(dsl).find(user.tenantId());
          return new Account(user, tenant);
        });
  }

  /** Tenants, oldest first. */
  public Future<List<Tenant>> list(int offset, int limit) {
    return db.read(dsl -> new TenantRepository(dsl).list(offset, limit));
  }

  /** A user and the tenant they belong to. */
  public record Account(User user, Optional<Tenant> tenant) {}
}
