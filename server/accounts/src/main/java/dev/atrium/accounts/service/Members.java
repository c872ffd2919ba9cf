package dev.atrium.accounts.service;

import static java.util.Objects.requireNonNull;

import dev.atrium.db.Db;
import dev.atrium.persistence.AuditRepository;
import dev.atrium.persistence.User;
import dev.atrium.persistence.UserRepository;
import dev.atrium.shared.Principal;
import dev.atrium.shared.Problem;
import dev.atrium.shared.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The people of a tenant: members and invitations, their roles, and the look-ups sign-in needs.
 * Only owners grant or take the owner role, and a tenant always keeps at least one owner.
 */
public final class Members {
  private final Db db;

  public Members(Db db) {
    this.db = requireNonNull(db, "db is null");
  }

  public Future<List<User>> list(UUID tenantId) {
    return db.read(dsl -> new UserRepository(dsl).list(tenantId));
  }

  public Future<Optional<User>> findById(UUID userId) {
    return db.read(dsl -> new UserRepository(dsl).findById(userId));
  }

  public Future<Optional<User>> findByEmail(String email) {
    return db.read(dsl -> new UserRepository(dsl).findByEmail(email));
  }

  /**
   * Saves {@code invited} (status {@code invited}) with the hash of its one-time token; fails with
   * 409 {@code email_taken} when the e-mail address is taken.
   */
  public Future<User> invite(
      Principal inviter, User invited, String tokenHash, OffsetDateTime expiresAt, String ip) {
    requireMayGrant(inviter, Role.fromWire(invited.role()));
    return db.transaction(
            dsl -> {
              new UserRepository(dsl).insert(invited, tokenHash, expiresAt);
              new AuditRepository(dsl)
                  .append(
                      AuditEvents.of(
                          inviter.tenantId(),
                          inviter.actor(),
                          "user.invited",
                          "user:" + invited.id(),
                          ip,
                          new JsonObject()
                              .put("email", invited.email())
                              .put("role", invited.role())));
              return invited;
            })
        .recover(EmailTaken::orFailure);
  }

  /** Gives a member of the caller's tenant {@code role}; answers the member as saved. */
  public Future<User> changeRole(Principal caller, UUID userId, Role role, String ip) {
    requireMayGrant(caller, role);
    UUID tenantId = caller.tenantId();
    return db.transaction(
        dsl -> {
          UserRepository users = new UserRepository(dsl);
          User user = users.find(tenantId, userId).orElseThrow(() -> Problem.notFound("The user"));
          Role current = Role.fromWire(user.role());
          requireMayGrant(caller, current);
          if (current == Role.OWNER
              && role != Role.OWNER
              && users.countWithRole(tenantId, "owner") <= 1) {
            throw Problem.conflict(
                "last_owner", "A tenant needs an owner: make someone else owner first.");
          }
          users.updateRole(tenantId, userId, role.wireName());
          new AuditRepository(dsl)
              .append(
                  AuditEvents.of(
                      tenantId,
                      caller.actor(),
                      "user.role_changed",
                      "user:" + userId,
                      ip,
                      new JsonObject().put("from", current.wireName()).put("to", role.wireName())));
          return users.find(tenantId, userId).orElseThrow();
        });
  }

  /**
   * Activates the invitation whose token hashes to {@code tokenHash} with {@code passwordHash}, if
   * it is still open at {@code now}; empty otherwise.
   */
  public Future<Optional<User>> acceptInvite(
      String tokenHash, String passwordHash, OffsetDateTime now, String ip) {
    return db.transaction(
        dsl -> {
          Optional<User> accepted =
              new UserRepository(dsl).acceptInvite(tokenHash, passwordHash, now);
          accepted.ifPresent(
              u ->
                  new AuditRepository(dsl)
                      .append(
                          AuditEvents.of(
                              u.tenantId(),
                              "user:" + u.id(),
                              "user.invite_accepted",
                              "user:" + u.id(),
                              ip,
                              null)));
          return accepted;
        });
  }

  /** Only owners touch the owner role; admins manage everyone else. */
  private static void requireMayGrant(Principal principal, Role role) {
    if (role == Role.OWNER && principal.role() != Role.OWNER) {
      throw Problem.forbidden(
          "insufficient_role", "Only an owner may grant or change the owner role.");
    }
  }
}
