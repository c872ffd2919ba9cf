package dev.atrium.bench;

import dev.atrium.persistence.BulkInsert;
import dev.atrium.persistence.Database;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * What this machine allows without the usage ledger, measured in the same run as the ledger so that
 * a goal out of reach shows its limit beside it: how many forced appends a file on this disk takes
 * per second (each of the ledger's group commits is one), and how many rows per second the database
 * takes into {@code usage_events} as plain bulk inserts (COPY on PostgreSQL, JDBC batches on H2) in
 * transactions as large as the ledger's, with no duplicate check and no rollups.
 */
final class Ceilings {
  /** One journaled event is about this long (UUIDs, key, meter, quantity, time). */
  static final int EVENT_BYTES = 96;

  private Ceilings() {}

  /** Forced appends of {@code recordBytes} each per second to one file in {@code dir}. */
  static double forcedAppendsPerSecond(Path dir, int recordBytes, Duration duration)
      throws IOException {
    Path file = Files.createTempFile(dir, "fsync-ceiling", ".bin");
    ByteBuffer record = ByteBuffer.allocate(recordBytes);
    long count = 0;
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      while (System.nanoTime() < end) {
        record.clear();
        while (record.hasRemaining()) {
          channel.write(record);
        }
        channel.force(false);
        count++;
      }
    } finally {
      Files.deleteIfExists(file);
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * Rows per second of plain bulk inserts into {@code usage_events}, {@code rowsPerCommit} per
   * transaction, for {@code duration}.
   */
  static double bulkInsertRowsPerSecond(
      Database database, UUID tenant, int rowsPerCommit, Duration duration) {
    return database
        .dsl()
        .connectionResult(
            c -> {
              c.setAutoCommit(false);
              String run = UUID.randomUUID().toString();
              OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
              long rows = 0;
              long start = System.nanoTime();
              long end = start + duration.toNanos();
              try {
                while (System.nanoTime() < end) {
                  try (BulkInsert insert = BulkInsert.open(c, "usage_events", COLUMNS)) {
                    for (int i = 0; i < rowsPerCommit; i++, rows++) {
                      insert.row(
                          tenant,
                          run + ":" + rows,
                          new UUID(0, 0),
                          "",
                          "bench",
                          "requests",
                          1L,
                          now);
                    }
                  }
                  c.commit();
                }
              } finally {
                c.setAutoCommit(true);
              }
              return rows / ((System.nanoTime() - start) / 1e9);
            });
  }

  private static final List<String> COLUMNS =
      List.of(
          "tenant_id",
          "idempotency_key",
          "key_id",
          "plugin",
          "model",
          "meter",
          "quantity",
          "occurred_at");
}
