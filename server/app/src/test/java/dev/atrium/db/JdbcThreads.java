package dev.atrium.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.persistence.Database;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records the name of every thread that takes a database connection, so that a test can prove JDBC
 * runs only on the named executors: {@code atrium-db} for requests, plugins, the outage probe, the
 * request log and the scheduled jobs, and billing's own named threads (plans and meters on {@code
 * atrium-billing-<n>}, the usage ledger's group commit on {@code atrium-usage-ledger}).
 */
public final class JdbcThreads {
  /** Thread name prefixes allowed to take a connection once the server has started. */
  public static final List<String> NAMED_EXECUTORS =
      List.of(Db.EXECUTOR + "-", "atrium-billing-", "atrium-usage-ledger");

  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  private JdbcThreads() {}

  /** Starts recording the threads that take connections of {@code database}. */
  public static JdbcThreads watch(Database database) {
    JdbcThreads threads = new JdbcThreads();
    database.observeConnections(() -> threads.seen.add(Thread.currentThread().getName()));
    return threads;
  }

  /** Whether any thread took a connection since the last {@link #clear()}. */
  public boolean any() {
    return !seen.isEmpty();
  }

  /** Forgets what was recorded so far, so that the next step is checked on its own. */
  public void clear() {
    seen.clear();
  }

  /**
   * Asserts that the work since the last {@link #clear()} took connections, on the {@code
   * atrium-db} executor among others, and only on named executors.
   */
  public void assertNamedExecutorsOnly(String step) {
    Set<String> names = Set.copyOf(seen);
    assertThat(names).as("threads that took a connection during %s", step).isNotEmpty();
    assertThat(names)
        .as("threads that took a connection during %s", step)
        .anyMatch(name -> name.startsWith(Db.EXECUTOR + "-"))
        .allMatch(
            name -> NAMED_EXECUTORS.stream().anyMatch(name::startsWith),
            "named " + NAMED_EXECUTORS);
  }
}
