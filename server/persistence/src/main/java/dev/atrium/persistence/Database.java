package dev.atrium.persistence;

import static dev.atrium.persistence.jooq.Tables.COMMIT_BARRIER;
import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform database: a pooled {@link DataSource}, migrated by Flyway from {@code db/migration}
 * (the top-level {@code migrations/} folder), with a jOOQ {@link DSLContext} on top. Embedded H2
 * runs in PostgreSQL mode so the same migrations serve both.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  // WRITE_DELAY=0: a commit reaches the file before it returns, so acknowledged usage survives a
  // killed process (H2 otherwise writes commits up to 500 ms later). DB_CLOSE_ON_EXIT=FALSE: H2's
  // own shutdown hook would close the database while the server's hook still moves the usage
  // journal in and writes the last key-usage times; the server closes it last instead.
  private static final String H2_MODE =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
          + ";DB_CLOSE_ON_EXIT=FALSE";

  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Commits {@link #persistCommits} makes on H2. H2 2.x (MVStore) writes each commit as a chunk of
   * the file, but a chunk written into reused space in the middle of the file is found after a
   * crash only once the file header points at it or past it; H2 rewrites the header at the latest
   * when its newest chunk is more than 20 versions ahead of it, and then points it at the chunk
   * before the one being written. So 22 further commits always move it past every earlier one.
   */
  private static final int H2_HEADER_MOVING_COMMITS = 22;

  private final HikariDataSource dataSource;
  private final SQLDialect dialect;
  private final DSLContext dsl;
  private volatile ConnectionObserver observer = ConnectionObserver.NONE;

  /** One {@link #persistCommits} at a time; callers that waited share the one that ran. */
  private final ReentrantLock persisting = new ReentrantLock();

  private final AtomicLong persistsStarted = new AtomicLong();
  private long persistsDone;

  private Database(HikariDataSource dataSource, SQLDialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    Settings settings = new Settings().withRenderQuotedNames(RenderQuotedNames.NEVER);
    this.dsl = DSL.using(new ObservedConnections(), dialect, settings);
  }

  /** Tells {@code observer} of each connection taken from now on (replacing any earlier one). */
  public void observeConnections(ConnectionObserver observer) {
    this.observer = requireNonNull(observer, "observer is null");
  }

  private Connection connection() throws SQLException {
    observer.connectionTaken();
    return dataSource.getConnection();
  }

  /** JDBC URL of the embedded H2 file database kept in {@code dataDir}. */
  public static String embeddedUrl(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("atrium") + H2_MODE;
  }

  /** Opens a pool on {@code url}, migrates the schema and returns the ready database. */
  public static Database open(String url, String user, String password, int poolSize) {
    return open(url, user, password, poolSize, DEFAULT_CONNECT_TIMEOUT);
  }

  /**
   * As {@link #open(String, String, String, int)}, where work waits at most {@code connectTimeout}
   * for a connection (so that it fails this soon when the database is unreachable).
   */
  public static Database open(
      String url, String user, String password, int poolSize, Duration connectTimeout) {
    requireNonNull(url, "url is null");
    SQLDialect dialect = url.startsWith("jdbc:postgresql:") ? SQLDialect.POSTGRES : SQLDialect.H2;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("atrium-db");
    config.setConnectionTimeout(connectTimeout.toMillis());
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      MigrateResult result =
          Flyway.configure()
              .dataSource(dataSource)
              .locations("classpath:db/migration")
              .load()
              .migrate();
      LOG.info(
          "Database {} at schema version {} ({} migrations applied now)",
          dialect,
          result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion,
          result.migrationsExecuted);
      return new Database(dataSource, dialect);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  public DSLContext dsl() {
    return dsl;
  }

  /**
   * Makes every transaction committed before this call survive a killed process and a power cut,
   * for callers that drop their own copy of what those transactions wrote (the usage journal).
   * Nothing to do on PostgreSQL, whose commit returns once its WAL is flushed. On H2 a commit
   * returns once written to the file but can still be lost to {@code kill -9} (see {@link
   * #H2_HEADER_MOVING_COMMITS}): this makes that many small commits, then {@code CHECKPOINT SYNC}
   * forces the file to the device. It costs a few milliseconds; concurrent callers share one run
   * that started after they called.
   */
  public void persistCommits() {
    if (dialect.family() != SQLDialect.H2) {
      return;
    }
    long startedBefore = persistsStarted.get();
    persisting.lock();
    try {
      if (persistsDone > startedBefore) {
        return; // one that started after this call has finished
      }
      long number = persistsStarted.incrementAndGet();
      moveH2HeaderPastEveryCommit();
      persistsDone = number;
    } finally {
      persisting.unlock();
    }
  }

  private void moveH2HeaderPastEveryCommit() {
    dsl.connection(
        connection -> {
          DSLContext one = DSL.using(connection, dialect);
          for (int i = 0; i < H2_HEADER_MOVING_COMMITS; i++) {
            one.update(COMMIT_BARRIER)
                .set(COMMIT_BARRIER.WRITES, COMMIT_BARRIER.WRITES.plus(1))
                .where(COMMIT_BARRIER.ID.eq(1))
                .execute();
          }
          one.execute("CHECKPOINT SYNC");
        });
  }

  public int poolSize() {
    return dataSource.getMaximumPoolSize();
  }

  /** True when a connection answers and every known migration has been applied. */
  public boolean isReady() {
    try {
      return Flyway.configure()
              .dataSource(dataSource)
              .locations("classpath:db/migration")
              .load()
              .info()
              .pending()
              .length
          == 0;
    } catch (RuntimeException e) {
      LOG.warn("Database readiness check failed: {}", e.getMessage());
      return false;
    }
  }

  /** True when a connection can be had and answers within a second or two. */
  public boolean isReachable() {
    try (Connection connection = connection()) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  /** jOOQ's connections: from the pool, each reported to the observer first. */
  private final class ObservedConnections implements ConnectionProvider {
    @Override
    public Connection acquire() {
      try {
        return connection();
      } catch (SQLException e) {
        throw new DataAccessException("cannot get a connection: " + e.getMessage(), e);
      }
    }

    @Override
    public void release(Connection connection) {
      try {
        connection.close();
      } catch (SQLException e) {
        throw new DataAccessException("cannot return a connection: " + e.getMessage(), e);
      }
    }
  }
}
