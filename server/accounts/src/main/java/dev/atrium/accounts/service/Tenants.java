package dev.atrium.accounts.service;

import static java.util.Objects.requireNonNull;

import dev.atrium.db.Db;
import dev.atrium.persistence.AuditEvent;
import dev.atrium.persistence.AuditRepository;
import dev.atrium.persistence.Tenant;
import dev.atrium.persistence.TenantRepository;
import dev.atrium.persistence.User;
import dev.atrium.persistence.UserRepository;
import dev.atrium.shared.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Tenants: signing one up with its owner, the signed-in user's account, the operator's list, and
 * suspending and resuming one.
 */
public final class Tenants {
  private final Db db;

  public Tenants(Db db) {
    this.db = requireNonNull(db, "db is null");
  }

  /**
   * Creates {@code tenant} with {@code owner} in one transaction; fails with 409 {@code
   * email_taken} when the owner's e-mail address is taken.
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
                          new JsonObject()
                              .put("tenant", tenant.name())
                              .put("email", owner.email())));
              return owner;
            })
        .recover(EmailTaken::orFailure);
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

  /** Whether tenant {@code tenantId} is suspended (an unknown tenant is not). */
  public Future<Boolean> isSuspended(UUID tenantId) {
    return db.read(
        dsl -> new TenantRepository(dsl).find(tenantId).map(Tenant::suspended).orElse(false));
  }

  /**
   * Suspends tenant {@code tenantId} for {@code reason}, audited as a platform entry (the reason is
   * the operator's, not shown to the tenant) in the same transaction; answers the tenant as it now
   * is, or fails with 404 for an unknown tenant and 409 {@code already_suspended}.
   */
  public Future<Tenant> suspend(
      UUID tenantId, String reason, OffsetDateTime now, String actor, String ip) {
    return change(
        tenantId,
        tenants -> tenants.suspend(tenantId, reason, now),
        () -> Problem.conflict("already_suspended", "The tenant is already suspended."),
        AuditEvents.of(
            null,
            actor,
            "tenant.suspended",
            "tenant:" + tenantId,
            ip,
            new JsonObject().put("reason", reason)));
  }

  /**
   * Resumes suspended tenant {@code tenantId}, audited in the same transaction; answers the tenant
   * as it now is, or fails with 404 for an unknown tenant and 409 {@code not_suspended}.
   */
  public Future<Tenant> resume(UUID tenantId, String actor, String ip) {
    return change(
        tenantId,
        tenants -> tenants.resume(tenantId),
        () -> Problem.conflict("not_suspended", "The tenant is not suspended."),
        AuditEvents.of(null, actor, "tenant.resumed", "tenant:" + tenantId, ip, null));
  }

  private interface StateChange {
    /** False when the tenant already was in the state asked for. */
    boolean apply(TenantRepository tenants);
  }

  private Future<Tenant> change(
      UUID tenantId, StateChange change, Supplier<Problem> unchanged, AuditEvent audit) {
    return db.transaction(
        dsl -> {
          TenantRepository tenants = new TenantRepository(dsl);
          tenants.find(tenantId).orElseThrow(() -> Problem.notFound("The tenant"));
          if (!change.apply(tenants)) {
            throw unchanged.get();
          }
          new AuditRepository(dsl).append(audit);
          return tenants.find(tenantId).orElseThrow();
        });
  }

  /** A user and the tenant they belong to. */
  public record Account(User user, Optional<Tenant> tenant) {}
}
