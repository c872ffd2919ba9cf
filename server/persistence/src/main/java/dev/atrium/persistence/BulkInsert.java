package dev.atrium.persistence;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Many rows into one table over one connection, in whatever transaction the connection is in:
 * PostgreSQL's {@code COPY ... FROM STDIN} (text format, values escaped), a batched prepared INSERT
 * elsewhere (H2). Rows are buffered until {@link #flush} (or {@link #close}) sends them; a row that
 * breaks a constraint fails the flush with the database's SQL state (23505 for a repeated key).
 * Values are UUIDs, strings, numbers, dates and timestamps, or null. Not thread-safe; leaves the
 * connection open.
 */
public abstract sealed class BulkInsert implements AutoCloseable {
  private int pending;

  /** Opens a bulk insert into {@code table}'s {@code columns} on {@code connection}. */
  public static BulkInsert open(Connection connection, String table, List<String> columns)
      throws SQLException {
    if (connection.isWrapperFor(PGConnection.class)) {
      return new Copy(connection.unwrap(PGConnection.class).getCopyAPI(), table, columns);
    }
    return new Batch(connection, table, columns);
  }

  /** Buffers one row, its values in the order of the columns. */
  public final void row(Object... values) throws SQLException {
    add(values);
    pending++;
  }

  /** Rows buffered and not sent yet. */
  public final int pending() {
    return pending;
  }

  /** Sends the buffered rows. */
  public final void flush() throws SQLException {
    if (pending > 0) {
      send();
      pending = 0;
    }
  }

  abstract void add(Object[] values) throws SQLException;

  abstract void send() throws SQLException;

  /** Sends what is buffered and lets go of the statement (not the connection). */
  @Override
  public void close() throws SQLException {
    flush();
  }

  private static final class Copy extends BulkInsert {
    private final CopyManager copy;
    private final String sql;
    private final StringBuilder rows = new StringBuilder(1 << 16);

    Copy(CopyManager copy, String table, List<String> columns) {
      this.copy = copy;
      this.sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN";
    }

    @Override
    void add(Object[] values) {
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          rows.append('\t');
        }
        switch (values[i]) {
          case null -> rows.append("\\N");
          case OffsetDateTime time -> rows.append(time.toInstant());
          case String text -> escape(text);
          default -> rows.append(values[i]);
        }
      }
      rows.append('\n');
    }

    /** COPY's text format: backslash, tab, line feed and carriage return are escaped. */
    private void escape(String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        switch (c) {
          case '\\' -> rows.append("\\\\");
          case '\t' -> rows.append("\\t");
          case '\n' -> rows.append("\\n");
          case '\r' -> rows.append("\\r");
          default -> rows.append(c);
        }
      }
    }

    @Override
    void send() throws SQLException {
      try {
        copy.copyIn(sql, new StringReader(rows.toString()));
      } catch (IOException e) {
        throw new SQLException("COPY into the database failed: " + e.getMessage(), "08006", e);
      } finally {
        rows.setLength(0);
      }
    }
  }

  private static final class Batch extends BulkInsert {
    private final PreparedStatement insert;

    Batch(Connection connection, String table, List<String> columns) throws SQLException {
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
    void add(Object[] values) throws SQLException {
      for (int i = 0; i < values.length; i++) {
        insert.setObject(i + 1, values[i]);
      }
      insert.addBatch();
    }

    @Override
    void send() throws SQLException {
      insert.executeBatch();
    }

    @Override
    public void close() throws SQLException {
      try {
        super.close();
      } finally {
        insert.close();
      }
    }
  }
}
