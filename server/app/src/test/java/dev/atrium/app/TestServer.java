package dev.atrium.app;

import dev.atrium.config.AtriumConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A real Atrium server for HTTP-level tests, on port 0 in the prod profile. Its database is
 * embedded H2, or a fresh database on a real embedded PostgreSQL when the system property {@code
 * atrium.test.db} is {@code postgres} (the second surefire execution).
 */
public final class TestServer implements AutoCloseable {
  public static final String JWT_SECRET = "test-secret-test-secret-test-secret-0123456789";
  public static final String OPERATOR_EMAIL = "operator@example.test";
  public static final String OPERATOR_PASSWORD = "operator-password";

  private static EmbeddedPostgres postgres;

  public final AtriumServer server;
  final Path dataDir;

  private TestServer(AtriumServer server, Path dataDir) {
    this.server = server;
    this.dataDir = dataDir;
  }

  public static TestServer start() {
    return start(Map.of());
  }

  public static TestServer start(Map<String, String> overrides) {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("atrium-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> config = new HashMap<>();
    config.put("profile", "prod");
    config.put("http.host", "127.0.0.1");
    config.put("http.port", "0");
    config.put("data.dir", dataDir.toString());
    config.put("auth.jwt-secret", JWT_SECRET);
    config.put("operator.email", OPERATOR_EMAIL);
    config.put("operator.password", OPERATOR_PASSWORD);
    config.put("db.pool-size", "4");
    config.put("inference.catalog-file", noModelsCatalog(dataDir));
    if ("postgres".equals(System.getProperty("atrium.test.db"))) {
      config.put("db.url", freshPostgresDatabase());
      config.put("db.user", "postgres");
      config.put("db.password", "postgres");
    }
    config.putAll(overrides);
    return new TestServer(AtriumServer.start(AtriumConfig.of(config)), dataDir);
  }

  /**
   * Starts a server whose inference pool serves the catalog {@code json} (see docs/inference.md).
   */
  public static TestServer withCatalog(String json, Map<String, String> overrides) {
    try {
      Path file = Files.createTempFile("atrium-catalog", ".json");
      Files.writeString(file, json);
      Map<String, String> all = new HashMap<>(overrides);
      all.put("inference.catalog-file", file.toString());
      return start(all);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Tests that need no model skip loading them: an empty catalog. */
  private static String noModelsCatalog(Path dataDir) {
    Path file = dataDir.resolve("no-models.json");
    try {
      Files.writeString(file, "{\"bundled_models\": false, \"default_embedding_models\": {}}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file.toString();
  }

  public static boolean onPostgres() {
    return "postgres".equals(System.getProperty("atrium.test.db"));
  }

  public int port() {
    return server.port();
  }

  private static synchronized String freshPostgresDatabase() {
    try {
      if (postgres == null) {
        postgres = EmbeddedPostgres.builder().start();
      }
      String name = "atrium_" + UUID.randomUUID().toString().replace("-", "");
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      return postgres.getJdbcUrl("postgres", name);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start embedded PostgreSQL", e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
