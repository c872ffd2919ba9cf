package dev.atrium.billing;

import dev.atrium.persistence.Database;
import dev.atrium.persistence.Tenant;
import dev.atrium.persistence.TenantRepository;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Fresh, migrated databases for billing tests: embedded H2 files or a real embedded PostgreSQL. */
final class TestDatabases {
  enum Kind {
    H2,
    POSTGRES
  }

  private static EmbeddedPostgres postgres;

  private TestDatabases() {}

  static Database open(Kind kind) {
    return Database.open(url(kind), "postgres", "postgres", 8);
  }

  /** A JDBC URL of a new, empty database. */
  static String url(Kind kind) {
    if (kind == Kind.H2) {
      try {
        return Database.embeddedUrl(Files.createTempDirectory("atrium-billing-test"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return freshPostgresDatabase();
  }

  static UUID tenant(Database database, OffsetDateTime createdAt) {
    UUID id = UUID.randomUUID();
    new TenantRepository(database.dsl()).insert(new Tenant(id, "Tenant " + id, createdAt));
    return id;
  }

  static Path tempDir() {
    try {
      return Files.createTempDirectory("atrium-billing-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts {@code main} in a JVM of its own on this test's class path, with {@code args}, its
   * standard output to read (a crash test kills it with SIGKILL).
   */
  static Process child(Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static synchronized String freshPostgresDatabase() {
    try {
      if (postgres == null) {
        postgres = EmbeddedPostgres.builder().start();
      }
      String name = "billing_" + UUID.randomUUID().toString().replace("-", "");
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      return postgres.getJdbcUrl("postgres", name);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start embedded PostgreSQL", e);
    }
  }
}
