package dev.atrium.bench;

import dev.atrium.persistence.Database;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The database a crash test's server processes share, read directly by the test while no server
 * runs: embedded H2 in the servers' data dir (the default), or a fresh database on a real embedded
 * PostgreSQL with its durability settings as in production ({@link BenchPostgres}).
 */
final class CrashDatabase implements AutoCloseable {
  enum Kind {
    H2,
    POSTGRES
  }

  /** One row of {@code usage_events}. */
  record StoredUsage(String idempotencyKey, String meter, long quantity) {}

  private final BenchPostgres postgres;
  private final String url;
  private final String user;
  private final String password;

  private CrashDatabase(BenchPostgres postgres, String url, String user, String password) {
    this.postgres = postgres;
    this.url = url;
    this.user = user;
    this.password = password;
  }

  static CrashDatabase create(Kind kind, Path dataDir) throws IOException, SQLException {
    if (kind == Kind.H2) {
      return new CrashDatabase(null, Database.embeddedUrl(dataDir), "", "");
    }
    BenchPostgres postgres = BenchPostgres.start();
    return new CrashDatabase(
        postgres, postgres.freshDatabase(), BenchPostgres.USER, BenchPostgres.PASSWORD);
  }

  /** The servers' {@code ATRIUM_DB_*} variables: none for the embedded default. */
  Map<String, String> serverEnvironment() {
    return postgres == null
        ? Map.of()
        : Map.of("ATRIUM_DB_URL", url, "ATRIUM_DB_USER", user, "ATRIUM_DB_PASSWORD", password);
  }

  /**
   * What the fraud plugin's write-behind stored for the tenant's accounts: per account, the ids of
   * the payments in its stored window (collection {@code state}, document {@code a:<account>}).
   */
  Map<String, List<String>> fraudAccountWindows(UUID tenantId) throws SQLException {
    Map<String, List<String>> windows = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url, user, password);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT id, data FROM plugin_documents WHERE tenant_id = ? AND plugin_id = 'fraud'"
                    + " AND collection = 'state' AND id LIKE 'a:%'")) {
      s.setObject(1, tenantId);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          List<String> ids = new ArrayList<>();
          for (Object event : new JsonObject(rows.getString("data")).getJsonArray("events")) {
            ids.add(((JsonArray) event).getString(3));
          }
          windows.put(rows.getString("id").substring(2), ids);
        }
      }
    }
    return windows;
  }

  /** Every usage event stored for the tenant. */
  List<StoredUsage> usage(UUID tenantId) throws SQLException {
    List<StoredUsage> events = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, user, password);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT idempotency_key, meter, quantity FROM usage_events WHERE tenant_id = ?")) {
      s.setObject(1, tenantId);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          events.add(
              new StoredUsage(
                  rows.getString("idempotency_key"), rows.getString("meter"), rows.getLong(3)));
        }
      }
    }
    return events;
  }

  @Override
  public void close() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }
}
