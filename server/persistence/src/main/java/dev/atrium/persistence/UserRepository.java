package dev.atrium.persistence;

import static dev.atrium.persistence.jooq.Tables.USERS;
import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.jooq.tables.records.UsersRecord;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** Dashboard users. Emails are stored lower-cased and are unique across the platform. */
public final class UserRepository {
  private final DSLContext dsl;

  public UserRepository(DSLContext dsl) {
    this.dsl = requireNonNull(dsl, "dsl is null");
  }

  /** Inserts an active user, or an invited one when {@code inviteTokenHash} is not null. */
  public void insert(User user, String inviteTokenHash, OffsetDateTime inviteExpiresAt) {
    dsl.insertInto(USERS)
        .set(USERS.ID, user.id())
        .set(USERS.TENANT_ID, user.tenantId())
        .set(USERS.EMAIL, user.email())
        .set(USERS.PASSWORD_HASH, user.passwordHash())
        .set(USERS.ROLE, user.role())
        .set(USERS.STATUS, user.status())
        .set(USERS.INVITE_TOKEN_HASH, inviteTokenHash)
        .set(USERS.INVITE_EXPIRES_AT, inviteExpiresAt)
        .set(USERS.CREATED_AT, user.createdAt())
        .execute();
  }

  /** Looks a user up by e-mail across all tenants: only login and signup need this. */
  public Optional<User> findByEmail(String email) {
    return dsl.selectFrom(USERS)
        .where(USERS.EMAIL.eq(email))
        .fetchOptional()
        .map(UserRepository::toUser);
  }

  /** Any user by id, the operator (who has no tenant) included. */
  public Optional<User> findById(UUID userId) {
    return dsl.selectFrom(USERS)
        .where(USERS.ID.eq(userId))
        .fetchOptional()
        .map(UserRepository::toUser);
  }

  public Optional<User> find(UUID tenantId, UUID userId) {
    return dsl.selectFrom(USERS)
        .where(USERS.TENANT_ID.eq(tenantId))
        .and(USERS.ID.eq(userId))
        .fetchOptional()
        .map(UserRepository::toUser);
  }

  public List<User> list(UUID tenantId) {
    return dsl.selectFrom(USERS)
        .where(USERS.TENANT_ID.eq(tenantId))
        .orderBy(USERS.CREATED_AT, USERS.ID)
        .fetch(UserRepository::toUser);
  }

  /**
   * The e-mails of the users among {@code userIds}: those of tenant {@code tenantId} only, or any
   * user's when {@code tenantId} is null (the operator's view). Unknown ids are left out.
   */
  public Map<UUID, String> emails(UUID tenantId, Collection<UUID> userIds) {
    if (userIds.isEmpty()) {
      return Map.of();
    }
    var condition = USERS.ID.in(userIds);
    if (tenantId != null) {
      condition = condition.and(USERS.TENANT_ID.eq(tenantId));
    }
    return dsl.select(USERS.ID, USERS.EMAIL)
        .from(USERS)
        .where(condition)
        .fetchMap(USERS.ID, USERS.EMAIL);
  }

  public int countWithRole(UUID tenantId, String role) {
    return dsl.fetchCount(USERS, USERS.TENANT_ID.eq(tenantId).and(USERS.ROLE.eq(role)));
  }

  public boolean updateRole(UUID tenantId, UUID userId, String role) {
    return dsl.update(USERS)
            .set(USERS.ROLE, role)
            .where(USERS.TENANT_ID.eq(tenantId))
            .and(USERS.ID.eq(userId))
            .execute()
        == 1;
  }

  /**
   * Activates the invited user holding {@code inviteTokenHash}, if the invitation is still valid at
   * {@code now}; the token is consumed so it works once.
   */
  public Optional<User> acceptInvite(
      String inviteTokenHash, String passwordHash, OffsetDateTime now) {
    Optional<UsersRecord> invited =
        dsl.selectFrom(USERS)
            .where(USERS.INVITE_TOKEN_HASH.eq(inviteTokenHash))
            .and(USERS.STATUS.eq("invited"))
            .and(USERS.INVITE_EXPIRES_AT.gt(now))
            .forUpdate()
            .fetchOptional();
    invited.ifPresent(
        r ->
            dsl.update(USERS)
                .set(USERS.PASSWORD_HASH, passwordHash)
                .set(USERS.STATUS, "active")
                .setNull(USERS.INVITE_TOKEN_HASH)
                .setNull(USERS.INVITE_EXPIRES_AT)
                .where(USERS.ID.eq(r.getId()))
                .execute());
    return invited.flatMap(r -> findById(r.getId()));
  }

  private static User toUser(UsersRecord r) {
    return new User(
        r.getId(),
        r.getTenantId(),
        r.getEmail(),
        r.getPasswordHash(),
        r.getRole(),
        r.getStatus(),
        r.getCreatedAt());
  }
}
