package dev.atrium.bench;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Fast loading of many rows into one table, for benchmark data: PostgreSQL's {@code COPY ... FROM
 * STDIN} in chunks, or batched prepared INSERTs elsewhere (H2). Values are UUIDs, plain strings
 * without tabs, backslashes or line breaks, numbers, dates and timestamps. Not thread-safe.
 */
abstract sealed class BulkLoader implements AutoCloseable {
  private static final int CHUNK = 20_000;

  /** Opens a loader on {@code connection} (which it leaves open) for {@code columns}. */
  static BulkLoader open(Connection connection, String table, List<String> columns)
      throws SQLException {
    if (connection.isWrapperFor(PGConnection.class)) {
      return new Copy(connection.unwrap(PGConnection.class).getCopyAPI(), table, columns);
    }
    return new Batch(connection, table, columns);
  }

  abstract void row(Object... values) throws SQLException;

  @Override
  public abstract void close() throws SQLException;

  private static final class Copy extends BulkLoader {
    private final CopyManager copy;
    private final String sql;
    private final StringBuilder rows = new StringBuilder(1 << 20);
    private int count;

    Copy(CopyManager copy, String table, List<String> columns) {
      this.copy = copy;
      this.sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN";
    }

    @Override
    void row(Object... values) throws SQLException {
      for (int i = 0; i < values.length; i++) {
        Object value =
            values[i] instanceof OffsetDateTime time ? time.toInstant().toString() : values[i];
        rows.append(i == 0 ? "" : "\t").append(value);
      }
      rows.append('\n');
      if (++count == CHUNK) {
        flush();
      }
    }

    private void flush() throws SQLException {
      if (count == 0) {
        return;
      }
      try {
        copy.copyIn(sql, new StringReader(rows.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      rows.setLength(0);
      count = 0;
    }

    @Override
    public void close() throws SQLException {
      flush();
    }
  }

  private static final class Batch extends BulkLoader {
    private final Connection connection;
    private final PreparedStatement insert;
    private final boolean autoCommit;
    private int count;

    Batch(Connection connection, String table, List<String> columns) throws SQLException {
      this.connection = connection;
      this.autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      this.insert =
          connection.prepareStatement(
              "INSERT INTO "
                  + table
                  + " ("
                  + String.join(", ", columns)
                  + ") VALUES ("
                  + String.join(", ", Collections.nCopies(columns.size(), "?"))
                  + ")");
    }

    @Override
    void row(Object... values) throws SQLException {
      for (int i = 0; i < values.length; i++) {
        insert.setObject(i + 1, values[i]);
      }
      insert.addBatch();
      if (++count == CHUNK) {
        flush();
      }
    }

    private void flush() throws SQLException {
      if (count > 0) {
        insert.executeBatch();
        connection.commit();
        count = 0;
      }
    }

    @Override
    public void close() throws SQLException {
      try {
        flush();
        insert.close();
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
  }
}
