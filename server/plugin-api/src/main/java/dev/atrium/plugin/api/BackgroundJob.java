package dev.atrium.plugin.api;

/** Work run by the {@link JobScheduler}. It may block; throwing fails the job. */
@FunctionalInterface
public interface BackgroundJob {
  void run(JobProgress progress) throws Exception;
}
