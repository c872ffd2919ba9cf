package dev.atrium.app.privacy;

import static java.util.Objects.requireNonNull;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invoices of deleted tenants, kept for their legal retention: one file per tenant, {@code
 * <dir>/<tenant-id>.json}, whose {@code retainUntil} says when it may go; {@link #purgeExpired}
 * deletes the files past it (docs/privacy.md).
 */
public final class RetainedInvoices {
  private static final Logger LOG = LoggerFactory.getLogger(RetainedInvoices.class);

  private final Path dir;

  public RetainedInvoices(Path dir) {
    this.dir = requireNonNull(dir, "dir is null");
  }

  /** Writes {@code retained} (with its {@code retainUntil}) as the tenant's file. Blocks. */
  void write(UUID tenantId, JsonObject retained) {
    requireNonNull(retained.getString("retainUntil"), "retainUntil is missing");
    try {
      Files.createDirectories(dir);
      Files.writeString(file(tenantId), retained.encodePrettily(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Deletes the files whose {@code retainUntil} is before {@code now}; answers how many. A file it
   * cannot read is kept and logged (an operator's to look at), never guessed about. Blocks.
   */
  public int purgeExpired(OffsetDateTime now) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path file : files) {
        if (expired(file, now)) {
          Files.delete(file);
          deleted++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (deleted > 0) {
      LOG.info("Deleted {} retained invoice files past their retention", deleted);
    }
    return deleted;
  }

  private static boolean expired(Path file, OffsetDateTime now) throws IOException {
    try {
      JsonObject retained = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
      return OffsetDateTime.parse(retained.getString("retainUntil")).isBefore(now);
    } catch (DecodeException | DateTimeException | ClassCastException | NullPointerException e) {
      LOG.warn("Kept {}: no readable retainUntil ({})", file.getFileName(), e.getMessage());
      return false;
    }
  }

  private Path file(UUID tenantId) {
    return dir.resolve(tenantId + ".json");
  }
}
