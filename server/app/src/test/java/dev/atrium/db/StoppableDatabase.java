package dev.atrium.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.h2.tools.Server;

/**
 * A real database server on loopback that a test stops and starts again, on the same data and the
 * same port, to take the database away from a running Atrium server: embedded PostgreSQL, or H2 in
 * server mode (its TCP server; stopping it closes every open session, as a database that went away
 * would).
 */
abstract class StoppableDatabase implements AutoCloseable {
  enum Kind {
    H2,
    POSTGRES
  }

  final Path dataDir;
  final int port;

  private StoppableDatabase() {
    try {
      dataDir = Files.createTempDirectory("atrium-outage-db");
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static StoppableDatabase start(Kind kind) {
    StoppableDatabase database = kind == Kind.H2 ? new H2() : new Postgres();
    database.start();
    return database;
  }

  /** The {@code db.*} keys of a server on this database. */
  abstract Map<String, String> serverConfig();

  /** Starts (again) on the data directory and port. */
  abstract void start();

  /** Stops: connections are refused and open ones break. */
  abstract void stop();

  @Override
  public void close() {
    stop();
  }

  private static final class Postgres extends StoppableDatabase {
    private EmbeddedPostgres postgres;

    @Override
    Map<String, String> serverConfig() {
      return Map.of(
          "db.url",
          postgres.getJdbcUrl("postgres", "postgres"),
          "db.user",
          "postgres",
          "db.password",
          "postgres");
    }

    @Override
    void start() {
      try {
        postgres =
            EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    void stop() {
      if (postgres != null) {
        try {
          postgres.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        postgres = null;
      }
    }
  }

  private static final class H2 extends StoppableDatabase {
    private Server server;

    @Override
    Map<String, String> serverConfig() {
      return Map.of(
          "db.url",
          "jdbc:h2:tcp://127.0.0.1:"
              + port
              + "/atrium;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
          "db.user",
          "sa",
          "db.password",
          "sa");
    }

    @Override
    void start() {
      try {
        server =
            Server.createTcpServer(
                    "-tcpPort",
                    Integer.toString(port),
                    "-baseDir",
                    dataDir.toString(),
                    "-ifNotExists")
                .start();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot start the H2 server", e);
      }
    }

    @Override
    void stop() {
      if (server != null) {
        server.stop();
        server = null;
      }
    }
  }
}
