package dev.atrium.app.privacy;

import static java.util.Objects.requireNonNull;

import dev.atrium.shared.Problem;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tenant exports as background jobs: {@link #start} writes the archive ({@link TenantExport}) to a
 * private file under the data dir while the caller polls its progress, and the archive stays
 * downloadable for {@link #KEPT} after it is done. One export runs per tenant at a time (starting
 * another while one runs answers the running one). Jobs live in this process: after a restart their
 * ids answer 404 and the tenant starts a new export; files a crash left are deleted at start.
 */
public final class ExportJobs {
  private static final Logger LOG = LoggerFactory.getLogger(ExportJobs.class);

  /** How long a finished archive can be downloaded. */
  static final Duration KEPT = Duration.ofHours(1);

  private final TenantExports exports;
  private final Path dir;
  private final Clock clock;
  private final Map<UUID, ExportJob> jobs = new ConcurrentHashMap<>();

  /** Jobs whose archives {@code exports} writes into {@code dir}, a folder of their own. */
  public ExportJobs(TenantExports exports, Path dir, Clock clock) {
    this.exports = requireNonNull(exports, "exports is null");
    this.dir = requireNonNull(dir, "dir is null");
    this.clock = requireNonNull(clock, "clock is null");
    deleteLeftovers();
  }

  /** Starts exporting the tenant's data, or answers the export of it that is still running. */
  synchronized ExportJob start(UUID tenantId, String actor) {
    forgetExpired();
    ExportJob fresh = new ExportJob(UUID.randomUUID(), tenantId, clock.instant());
    ExportJob running =
        jobs.values().stream()
            .filter(job -> job.tenantId.equals(tenantId) && job.state.equals(ExportJob.RUNNING))
            .findFirst()
            .orElse(null);
    if (running != null) {
      return running;
    }
    jobs.put(fresh.id, fresh);
    LOG.info("Export {} of tenant {} started", fresh.id, tenantId);
    OffsetDateTime now = OffsetDateTime.ofInstant(fresh.startedAt, clock.getZone());
    exports
        .write(
            tenantId,
            actor,
            now,
            () -> {
              fresh.file = newFile(fresh.id);
              return fresh.file;
            },
            fresh::step)
        .onSuccess(
            file -> {
              fresh.finish(ExportJob.DONE, clock.instant());
              LOG.info("Export {} of tenant {} done: {} rows", fresh.id, tenantId, fresh.rows);
            })
        .onFailure(
            e -> {
              LOG.error("Export {} of tenant {} failed", fresh.id, tenantId, e);
              fresh.finish(ExportJob.FAILED, clock.instant());
              delete(fresh);
            });
    return fresh;
  }

  /** The tenant's export {@code id}; 404 for another tenant's, as for one that does not exist. */
  ExportJob find(UUID tenantId, UUID id) {
    forgetExpired();
    ExportJob job = jobs.get(id);
    if (job == null || !job.tenantId.equals(tenantId)) {
      throw Problem.notFound("Export " + id);
    }
    return job;
  }

  /** The archive of a finished export; 409 while it runs or if it failed. */
  Path archive(UUID tenantId, UUID id) {
    ExportJob job = find(tenantId, id);
    return switch (job.state) {
      case ExportJob.DONE -> job.file;
      case ExportJob.FAILED ->
          throw Problem.conflict(
              "export_failed", "This export failed and has no archive; start a new one.");
      default ->
          throw Problem.conflict(
              "export_not_ready",
              "This export is " + job.percent() + "% done; download it once its state is done.");
    };
  }

  /** Deletes the archives of exports done longer than {@link #KEPT} ago and forgets them. */
  private void forgetExpired() {
    Instant cutoff = clock.instant().minus(KEPT);
    jobs.values()
        .removeIf(
            job -> {
              boolean expired = job.finishedAt != null && job.finishedAt.isBefore(cutoff);
              if (expired) {
                delete(job);
              }
              return expired;
            });
  }

  private Path newFile(UUID id) {
    try {
      Files.createDirectories(dir);
      return Files.createFile(dir.resolve("export-" + id + ".zip"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void delete(ExportJob job) {
    Path file = job.file;
    if (file != null) {
      exports.delete(file);
    }
  }

  private void deleteLeftovers() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      LOG.warn("Could not delete the exports left in {}: {}", dir, e.getMessage());
    }
  }

  /** One export: where it stands, as the status route shows it. */
  static final class ExportJob {
    static final String RUNNING = "running";
    static final String DONE = "done";
    static final String FAILED = "failed";

    final UUID id;
    final UUID tenantId;
    final Instant startedAt;
    volatile String state = RUNNING;
    volatile int stepsDone;
    volatile long rows;
    volatile String step = "";
    volatile Instant finishedAt;
    volatile Path file;

    ExportJob(UUID id, UUID tenantId, Instant startedAt) {
      this.id = id;
      this.tenantId = tenantId;
      this.startedAt = startedAt;
    }

    void step(int done, int total, long rowsSoFar, String name) {
      stepsDone = done;
      rows = rowsSoFar;
      step = name;
      LOG.info(
          "Export {}: {}% ({} of {} steps, {} rows, {})",
          id, percent(), done, total, rowsSoFar, name);
    }

    void finish(String outcome, Instant at) {
      finishedAt = at;
      state = outcome;
    }

    int percent() {
      return DONE.equals(state) ? 100 : Math.min(99, 100 * stepsDone / TenantExport.steps());
    }

    JsonObject json() {
      JsonObject json =
          new JsonObject()
              .put("id", id.toString())
              .put("state", state)
              .put("percent", percent())
              .put("stepsDone", stepsDone)
              .put("steps", TenantExport.steps())
              .put("rows", rows)
              .put("step", step)
              .put("startedAt", startedAt.toString())
              .put("finishedAt", finishedAt == null ? null : finishedAt.toString());
      if (DONE.equals(state)) {
        json.put("download", "/api/tenant/exports/" + id + "/archive")
            .put("expiresAt", finishedAt.plus(KEPT).toString());
      }
      return json;
    }
  }
}
