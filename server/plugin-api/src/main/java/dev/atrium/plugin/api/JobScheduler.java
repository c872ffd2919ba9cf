package dev.atrium.plugin.api;

import java.util.List;
import java.util.Optional;

/**
 * Runs a plugin's background work (ingestion, re-indexing, training) on the plugin's own virtual
 * threads, with progress callers can poll. Jobs live in memory: a restart, upgrade or uninstall
 * cancels the running ones (a job should check {@link JobProgress#cancelled()} and be safe to run
 * again).
 */
public interface JobScheduler {

  /** Starts {@code job} for {@code tenantId} now and answers its first status at once. */
  JobStatus submit(String tenantId, String name, BackgroundJob job);

  /** The job's latest status, while the host still remembers it. */
  Optional<JobStatus> status(String jobId);

  /** The tenant's jobs, newest first. */
  List<JobStatus> jobs(String tenantId);

  /** Asks the job to stop (its thread is interrupted); answers whether it was still running. */
  boolean cancel(String jobId);
}
