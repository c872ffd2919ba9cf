package dev.atrium.app.privacy;

import static java.util.Objects.requireNonNull;

import dev.atrium.db.Db;
import dev.atrium.persistence.AuditEvent;
import dev.atrium.persistence.AuditRepository;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A tenant's export archive ({@link TenantExport}) written and deleted on the {@code atrium-db}
 * executor: the archive and its entry in the tenant's audit log in one transaction, so that the
 * archive is one consistent view of the tenant's data. Used by the download route and by {@link
 * ExportJobs}.
 */
public final class TenantExports {
  private final Db db;
  private final Path dir;

  /** {@code dir} holds the private files the download route sends and then deletes. */
  public TenantExports(Db db, Path dir) {
    this.db = requireNonNull(db, "db is null");
    this.dir = requireNonNull(dir, "dir is null");
  }

  /**
   * Writes the tenant's archive, exported by {@code actor} at {@code now}, to a new private file.
   */
  Future<Path> write(UUID tenantId, String actor, OffsetDateTime now) {
    return write(tenantId, actor, now, this::newFile, TenantExport.Progress.NONE);
  }

  /**
   * Writes the tenant's archive to the file {@code target} creates (on the database thread, before
   * anything is read), telling {@code progress} after each step; answers the file.
   */
  Future<Path> write(
      UUID tenantId,
      String actor,
      OffsetDateTime now,
      Supplier<Path> target,
      TenantExport.Progress progress) {
    return db.transaction(
        dsl -> {
          Path file = target.get();
          TenantExport.write(dsl, tenantId, now, file, progress);
          new AuditRepository(dsl)
              .append(
                  new AuditEvent(
                      0,
                      tenantId,
                      actor,
                      "tenant.exported",
                      "tenant:" + tenantId,
                      null,
                      null,
                      now));
          return file;
        });
  }

  /** Deletes an archive file, off the event loop; whether there was one. */
  Future<Boolean> delete(Path file) {
    return db.blocking(() -> Files.deleteIfExists(file));
  }

  private Path newFile() {
    try {
      Files.createDirectories(dir);
      return Files.createTempFile(dir, "export-", ".zip");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
