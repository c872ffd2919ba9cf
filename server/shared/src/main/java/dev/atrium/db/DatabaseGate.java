package dev.atrium.db;

import dev.atrium.persistence.Database;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes requests fail fast while the database is unreachable. The first piece of work that fails to
 * connect (see {@link #isConnectionFailure}) closes the gate: from then on {@link Db} answers at
 * once with {@link DatabaseUnavailableException} instead of letting every request wait out the
 * connection pool's timeout, and a probe checks every {@link #PROBE_MILLIS} ms whether a connection
 * works again; the first that does opens the gate. Nothing needs a restart.
 */
public final class DatabaseGate {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseGate.class);
  static final long PROBE_MILLIS = 1000;

  /**
   * SQLSTATEs of a database that went away: connection exceptions (class 08), and PostgreSQL's
   * shutdowns and "cannot connect now" (57P01-57P03).
   */
  private static final Set<String> GONE = Set.of("57P01", "57P02", "57P03");

  private final Vertx vertx;
  private final Database database;
  private final WorkerExecutor executor;
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicBoolean probing = new AtomicBoolean();

  /** The probe takes its connection on {@code executor}, the one that runs all JDBC work. */
  DatabaseGate(Vertx vertx, Database database, WorkerExecutor executor) {
    this.vertx = vertx;
    this.database = database;
    this.executor = executor;
  }

  boolean isDown() {
    return down.get();
  }

  /**
   * Closes the gate if {@code failure} says the database is unreachable, and answers what to fail
   * the work with: {@link DatabaseUnavailableException} then, else {@code failure} itself.
   */
  RuntimeException failed(RuntimeException failure) {
    if (!isConnectionFailure(failure)) {
      return failure;
    }
    if (down.compareAndSet(false, true)) {
      LOG.error(
          "The database is unreachable ({}); failing fast until it answers", failure.getMessage());
      vertx.setPeriodic(PROBE_MILLIS, PROBE_MILLIS, this::probe);
    }
    return new DatabaseUnavailableException(failure);
  }

  private void probe(long timer) {
    if (!probing.compareAndSet(false, true)) {
      return; // the last probe still waits for a connection
    }
    executor
        .executeBlocking(database::isReachable, false)
        .onComplete(
            reachable -> {
              probing.set(false);
              if (reachable.succeeded() && reachable.result()) {
                vertx.cancelTimer(timer);
                down.set(false);
                LOG.info("The database answers again");
              }
            });
  }

  /** Whether {@code failure} (or a cause of it) means the database could not be reached. */
  public static boolean isConnectionFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      // Not the pool's own timeout as such: with a reachable database that means the pool is busy.
      // When connecting failed, the timeout's cause says so and is found further down the chain.
      if (t instanceof DatabaseUnavailableException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException
          || t instanceof ConnectException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || GONE.contains(state)) {
          return true;
        }
      }
    }
    return false;
  }
}
