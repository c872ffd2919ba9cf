package dev.atrium.app.privacy;

import static dev.atrium.persistence.jooq.Tables.PLUGIN_BLOBS;

import dev.atrium.persistence.TenantTables;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jooq.DSLContext;
import org.jooq.Table;

/**
 * Writes everything a tenant owns as a zip archive (see docs/privacy.md): {@code manifest.json},
 * one {@code tables/<table>.ndjson} per tenant-owned table (one JSON object per row, secrets
 * withheld, see {@link RowJson}), and each plugin blob's bytes under {@code blobs/<n>}, named by
 * the {@code file} field of its row in {@code tables/plugin_blobs.ndjson}.
 */
final class TenantExport {
  static final String FORMAT = "atrium-tenant-export";
  static final int VERSION = 1;

  private TenantExport() {}

  /** Told after each step of an export: a table written, then the blobs and the manifest. */
  @FunctionalInterface
  interface Progress {
    Progress NONE = (done, total, rows, step) -> {};

    void step(int done, int total, long rows, String step);
  }

  /** The steps an export takes: one per table, then the blobs with the manifest. */
  static int steps() {
    return TenantTables.OWNED.size() + 1;
  }

  /**
   * Writes the tenant's archive to {@code target}, reading in the transaction of {@code dsl}, and
   * tells {@code progress} after each step.
   */
  static void write(
      DSLContext dsl, UUID tenantId, OffsetDateTime now, Path target, Progress progress) {
    TenantTables tables = new TenantTables(dsl);
    JsonArray files = new JsonArray();
    long totalRows = 0;
    try (OutputStream out = Files.newOutputStream(target);
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      for (Table<?> table : TenantTables.OWNED) {
        String name = "tables/" + table.getName() + ".ndjson";
        zip.putNextEntry(new ZipEntry(name));
        int[] rows = {0};
        tables.forEach(
            table,
            tenantId,
            row -> {
              JsonObject json = RowJson.of(table.getName(), row);
              if (table == PLUGIN_BLOBS) {
                json.put("file", "blobs/" + rows[0]);
              }
              write(zip, json.encode() + "\n");
              rows[0]++;
            });
        zip.closeEntry();
        files.add(
            new JsonObject().put("name", name).put("table", table.getName()).put("rows", rows[0]));
        totalRows += rows[0];
        progress.step(files.size(), steps(), totalRows, name);
      }
      int[] blob = {0};
      tables.forEach(
          PLUGIN_BLOBS,
          tenantId,
          row -> {
            try {
              zip.putNextEntry(new ZipEntry("blobs/" + blob[0]++));
              zip.write(row.get(PLUGIN_BLOBS.CONTENT));
              zip.closeEntry();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
      zip.putNextEntry(new ZipEntry("manifest.json"));
      write(
          zip,
          new JsonObject()
              .put("format", FORMAT)
              .put("version", VERSION)
              .put("tenantId", tenantId.toString())
              .put("exportedAt", now.toString())
              .put("files", files)
              .put("blobs", blob[0])
              .put("withheldColumns", new JsonArray(RowJson.WITHHELD.stream().sorted().toList()))
              .encodePrettily());
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress.step(steps(), steps(), totalRows, "manifest.json");
  }

  private static void write(ZipOutputStream zip, String text) {
    try {
      zip.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
