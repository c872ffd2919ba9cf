package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import dev.atrium.db.Db;
import dev.atrium.persistence.AuditEvent;
import dev.atrium.persistence.AuditRepository;
import io.vertx.core.Future;

/**
 * The host's writes to the platform audit log: the operator's plugin changes and the entries
 * plugins record through their {@code AuditTrail}.
 */
public final class AuditEntries {
  private final Db db;

  public AuditEntries(Db db) {
    this.db = requireNonNull(db, "db is null");
  }

  public Future<Void> append(AuditEvent event) {
    return db.transaction(
        dsl -> {
          new AuditRepository(dsl).append(event);
          return null;
        });
  }
}
