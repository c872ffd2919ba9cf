package dev.atrium.plugin.runtime;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.BackgroundJob;
import dev.atrium.plugin.api.JobProgress;
import dev.atrium.plugin.api.JobScheduler;
import dev.atrium.plugin.api.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The {@link JobScheduler} of one plugin version: each job on a virtual thread with the plugin's
 * class loader as context loader. The latest {@link #REMEMBERED} jobs are remembered; closing
 * cancels the running ones and waits briefly for them.
 */
public final class PluginJobs implements JobScheduler, AutoCloseable {
  public static final int REMEMBERED = 1000;

  private final ClassLoader pluginLoader;
  private final Logger log;
  private final ExecutorService threads;
  private final Map<String, Run> runs =
      Collections.synchronizedMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Run> eldest) {
              return size() > REMEMBERED
                  && eldest.getValue().status().state() != JobStatus.State.RUNNING;
            }
          });

  public PluginJobs(String pluginId, ClassLoader pluginLoader, Logger log) {
    this.pluginLoader = requireNonNull(pluginLoader, "pluginLoader is null");
    this.log = requireNonNull(log, "log is null");
    this.threads =
        Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("plugin-" + pluginId + "-job-", 0).factory());
  }

  @Override
  public JobStatus submit(String tenantId, String name, BackgroundJob job) {
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(name, "name is null");
    requireNonNull(job, "job is null");
    Run run = new Run(UUID.randomUUID().toString(), tenantId, name, Instant.now());
    runs.put(run.id, run);
    run.task = threads.submit(() -> run.execute(job));
    return run.status();
  }

  @Override
  public Optional<JobStatus> status(String jobId) {
    return Optional.ofNullable(runs.get(jobId)).map(Run::status);
  }

  @Override
  public List<JobStatus> jobs(String tenantId) {
    List<JobStatus> list = new ArrayList<>();
    synchronized (runs) {
      runs.values().stream()
          .filter(r -> r.tenantId.equals(tenantId))
          .forEach(r -> list.add(r.status()));
    }
    list.sort(Comparator.comparing(JobStatus::submittedAt).reversed());
    return List.copyOf(list);
  }

  @Override
  public boolean cancel(String jobId) {
    Run run = runs.get(jobId);
    return run != null && run.cancel();
  }

  /**
   * Cancels the running jobs of tenant {@code tenantId} and forgets all its jobs (their names and
   * messages are the tenant's): the tenant was deleted. Answers how many were running.
   */
  public int forgetTenant(String tenantId) {
    int running = 0;
    synchronized (runs) {
      var it = runs.values().iterator();
      while (it.hasNext()) {
        Run run = it.next();
        if (run.tenantId.equals(tenantId)) {
          if (run.cancel()) {
            running++;
          }
          it.remove();
        }
      }
    }
    return running;
  }

  @Override
  public void close() {
    synchronized (runs) {
      runs.values().forEach(Run::cancel);
    }
    threads.shutdownNow();
    try {
      if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("Some background jobs did not stop within 5 s of being cancelled");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One job's life; its fields are written by the job's thread and read by anyone. */
  private final class Run implements JobProgress {
    final String id;
    final String tenantId;
    final String name;
    final Instant submittedAt;
    volatile Future<?> task;
    private volatile JobStatus.State state = JobStatus.State.RUNNING;
    private volatile boolean cancelled;
    private volatile boolean started;
    private volatile double progress;
    private volatile String message = "";
    private volatile Instant finishedAt;
    private volatile String error;

    Run(String id, String tenantId, String name, Instant submittedAt) {
      this.id = id;
      this.tenantId = tenantId;
      this.name = name;
      this.submittedAt = submittedAt;
    }

    void execute(BackgroundJob job) {
      started = true;
      Thread.currentThread().setContextClassLoader(pluginLoader);
      try {
        job.run(this);
        finish(cancelled ? JobStatus.State.CANCELLED : JobStatus.State.SUCCEEDED, null);
      } catch (InterruptedException e) {
        finish(JobStatus.State.CANCELLED, null);
      } catch (Exception | LinkageError e) {
        if (cancelled) {
          finish(JobStatus.State.CANCELLED, null);
        } else {
          log.warn("Background job {} ({}) failed", name, id, e);
          finish(JobStatus.State.FAILED, String.valueOf(e.getMessage()));
        }
      }
    }

    private void finish(JobStatus.State end, String failure) {
      error = failure;
      finishedAt = Instant.now();
      if (end == JobStatus.State.SUCCEEDED) {
        progress = 1;
      }
      state = end;
    }

    boolean cancel() {
      if (state != JobStatus.State.RUNNING) {
        return false;
      }
      cancelled = true;
      Future<?> running = task;
      if (running != null && running.cancel(true) && !started) {
        // Cancelled before its thread ran it: the job never runs, so nothing else will end it.
        finish(JobStatus.State.CANCELLED, null);
      }
      return true;
    }

    @Override
    public void update(double fraction, String text) {
      progress = Math.max(0, Math.min(1, fraction));
      message = text == null ? "" : text;
    }

    @Override
    public boolean cancelled() {
      return cancelled || Thread.currentThread().isInterrupted();
    }

    JobStatus status() {
      return new JobStatus(
          id,
          tenantId,
          name,
          state,
          progress,
          message,
          submittedAt,
          Optional.ofNullable(finishedAt),
          Optional.ofNullable(error));
    }
  }
}
