package dev.atrium.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.persistence.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * While the database is away, {@link DatabaseGate}'s probe tries a connection every second: on the
 * {@code atrium-db} executor like all other JDBC work, not on Vert.x's shared worker pool. The
 * database (H2 in server mode on loopback) goes away, a read fails and closes the gate, the probes
 * run, the database returns and reads succeed again.
 */
class DatabaseGateProbeTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Test
  void theOutageProbeTakesItsConnectionsOnTheDbExecutor() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (StoppableDatabase server = StoppableDatabase.start(StoppableDatabase.Kind.H2)) {
      Map<String, String> config = server.serverConfig();
      try (Database database =
              Database.open(config.get("db.url"), "sa", "sa", 2, Duration.ofMillis(500));
          Db db = new Db(vertx, database)) {
        assertThat(answers(db)).as("the database answers").isNull();

        server.stop();
        // A read that times out before the pool tried to connect does not close the gate yet.
        awaitUntil(() -> answers(db) instanceof DatabaseUnavailableException, "the gate closed");
        JdbcThreads threads = JdbcThreads.watch(database);
        awaitUntil(threads::any, "a probe tried a connection");
        server.start();
        awaitUntil(() -> answers(db) == null, "the gate opened again");

        threads.assertNamedExecutorsOnly("the outage probe");
      }
    } finally {
      vertx.close().await();
    }
  }

  /** Null when a query succeeds, else why it failed. */
  private static Throwable answers(Db db) {
    return db.read(dsl -> dsl.fetchValue("SELECT 1"))
        .transform(done -> Future.succeededFuture(done.cause()))
        .await();
  }

  private static void awaitUntil(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long end = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - end).as("waited %s for: %s", PATIENCE, what).isNegative();
      Thread.sleep(50);
    }
  }
}
