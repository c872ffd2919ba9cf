package dev.atrium.db;

import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.Database;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * Runs jOOQ work on the named {@code atrium-db} worker executor, sized to the connection pool, and
 * hands the result back on the caller's Vert.x context. The event loop never blocks on JDBC. While
 * the database is unreachable, work fails at once with {@link DatabaseUnavailableException} (see
 * {@link DatabaseGate}).
 */
public final class Db implements AutoCloseable {
  /** The executor's name; its threads are named {@code atrium-db-<n>}. */
  public static final String EXECUTOR = "atrium-db";

  private final Database database;
  private final WorkerExecutor executor;
  private final DatabaseGate gate;

  public Db(Vertx vertx, Database database) {
    this.database = requireNonNull(database, "database is null");
    this.executor = vertx.createSharedWorkerExecutor(EXECUTOR, database.poolSize());
    this.gate = new DatabaseGate(vertx, database, executor);
  }

  public <T> Future<T> read(Function<DSLContext, T> work) {
    return run(() -> work.apply(database.dsl()));
  }

  /** Runs {@code work} in one transaction: all of it commits, or none of it. */
  public <T> Future<T> transaction(Function<DSLContext, T> work) {
    return run(() -> database.dsl().transactionResult(c -> work.apply(c.dsl())));
  }

  /**
   * Database work done elsewhere (the usage ledger's flush), on {@code context}: not started while
   * the database is known to be unreachable. (Its own connection failures answer 503 too, but do
   * not close the gate: the ledger's retry delay would make it flap after the database returns.)
   */
  public <T> Future<T> guard(Supplier<? extends CompletionStage<T>> work, Context context) {
    if (gate.isDown()) {
      return Future.failedFuture(new DatabaseUnavailableException(null));
    }
    return Future.fromCompletionStage(work.get(), context);
  }

  private <T> Future<T> run(Supplier<T> work) {
    if (gate.isDown()) {
      return Future.failedFuture(new DatabaseUnavailableException(null));
    }
    return executor.executeBlocking(
        () -> {
          try {
            return work.get();
          } catch (RuntimeException e) {
            throw gate.failed(e);
          }
        },
        false);
  }

  /** Whether the database answers and every migration is applied (the readiness check). */
  public Future<Boolean> ready() {
    return run(database::isReady);
  }

  /** Runs other blocking work (password hashing) on the same bounded executor. */
  public <T> Future<T> blocking(Callable<T> work) {
    return executor.executeBlocking(work, false);
  }

  /**
   * The {@code atrium-db} executor as a plain {@link Executor}, for modules that cannot depend on
   * this one and take their JDBC executor as a parameter (billing's monthly close). A task reports
   * its own failures; it runs even while the gate is closed, and waits out the pool's timeout then.
   */
  public Executor asExecutor() {
    return task ->
        executor.executeBlocking(
            () -> {
              task.run();
              return null;
            },
            false);
  }

  public Database database() {
    return database;
  }

  @Override
  public void close() {
    executor.close();
  }
}
