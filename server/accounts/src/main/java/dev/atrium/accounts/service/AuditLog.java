package dev.atrium.accounts.service;

import static java.util.Objects.requireNonNull;

import dev.atrium.db.Db;
import dev.atrium.persistence.AuditEvent;
import dev.atrium.persistence.AuditRepository;
import dev.atrium.persistence.UserRepository;
import io.vertx.core.Future;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The audit log of accounts: appending an entry, and reading a page with the actors' e-mails. */
public final class AuditLog {
  private static final String USER = "user:";

  private final Db db;

  public AuditLog(Db db) {
    this.db = requireNonNull(db, "db is null");
  }

  public Future<Void> append(AuditEvent event) {
    return db.read(
        dsl -> {
          new AuditRepository(dsl).append(event);
          return null;
        });
  }

  /**
   * Up to {@code limit} entries of {@code tenantId} (null: platform entries) older than {@code
   * before} (null: the newest), with the e-mail of each acting user of that tenant.
   */
  public Future<Page> page(UUID tenantId, Long before, int limit) {
    return db.read(
        dsl -> {
          List<AuditEvent> events = new AuditRepository(dsl).list(tenantId, before, limit);
          Set<UUID> users = new HashSet<>();
          events.forEach(e -> userOf(e.actor()).ifPresent(users::add));
          return new Page(events, new UserRepository(dsl).emails(tenantId, users));
        });
  }

  /** A page of events and the e-mails of the users who acted in them. */
  public record Page(List<AuditEvent> events, Map<UUID, String> emails) {
    /** The e-mail of the user who acted in {@code event}, if a user of the tenant did. */
    public String actorEmail(AuditEvent event) {
      return userOf(event.actor()).map(emails::get).orElse(null);
    }
  }

  /** The user id of an actor written as {@code user:<uuid>}. */
  static Optional<UUID> userOf(String actor) {
    if (actor == null || !actor.startsWith(USER)) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(actor.substring(USER.length())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
