package dev.atrium.bench;

import dev.atrium.persistence.BulkInsert;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Fast loading of many rows into one table, for benchmark data: a {@link BulkInsert} committed
 * every {@value #CHUNK} rows. Several loaders may share a connection (each commit takes the others'
 * rows sent so far with it). Not thread-safe.
 */
final class BulkLoader implements AutoCloseable {
  private static final int CHUNK = 20_000;

  private final Connection connection;
  private final boolean autoCommit;
  private final BulkInsert insert;

  private BulkLoader(Connection connection, BulkInsert insert, boolean autoCommit) {
    this.connection = connection;
    this.insert = insert;
    this.autoCommit = autoCommit;
  }

  /** Opens a loader on {@code connection} (which it leaves open) for {@code columns}. */
  static BulkLoader open(Connection connection, String table, List<String> columns)
      throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    return new BulkLoader(connection, BulkInsert.open(connection, table, columns), autoCommit);
  }

  void row(Object... values) throws SQLException {
    insert.row(values);
    if (insert.pending() == CHUNK) {
      insert.flush();
      connection.commit();
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      insert.close();
      connection.commit();
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }
}
