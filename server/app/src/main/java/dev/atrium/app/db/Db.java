package dev.atrium.app.db;

import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Runs jOOQ work on the named {@code atrium-db} worker executor, sized to the connection pool, and
 * hands the result back on the caller's Vert.x context. The event loop never blocks on JDBC.
 */
public final class Db implements AutoCloseable {
  private final Database database;
  private final WorkerExecutor executor;

  public Db(Vertx vertx, Database database) {
    this.database = requireNonNull(database, "database is null");
    this.executor = vertx.createSharedWorkerExecutor("atrium-db", database.poolSize());
  }

  public <T> Future<T> read(Function<DSLContext, T> work) {
    return executor.executeBlocking(() -> work.apply(database.dsl()), false);
  }

  /** Runs {@code work} in one transaction: all of it commits, or none of it. */
  public <T> Future<T> transaction(Function<DSLContext, T> work) {
    return executor.executeBlocking(
        () -> database.dsl().transactionResult(c -> work.apply(c.dsl())), false);
  }

  /** Runs other blocking work (password hashing) on the same bounded executor. */
  public <T> Future<T> blocking(Callable<T> work) {
    return executor.executeBlocking(work, false);
  }

  public Database database() {
    return database;
  }

  @Override
  public void close() {
    executor.close();
  }
}
