package dev.atrium.inference;

import static java.util.Objects.requireNonNull;

import dev.atrium.inference.runner.Computed;
import dev.atrium.inference.runner.ModelRunner;
import dev.atrium.plugin.api.inference.InferenceException;
import dev.atrium.plugin.api.inference.InferenceFailedException;
import dev.atrium.plugin.api.inference.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread pinned to a device. It owns its own {@link ModelRunner} (DJL predictors are not
 * thread-safe), takes batches from the pool's aggregator, computes them and completes their jobs
 * with each job's share of the cost. If its runner throws, it fails that batch and exits so its
 * group replaces it with a fresh runner.
 */
final class Worker<I, O> implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  /** The nice value of regular workers (see {@link ThreadNice}); express workers keep 0. */
  static final int REGULAR_NICE = 5;

  private final WorkerGroup<I, O> group;
  private final boolean express;
  private final Duration startDelay;
  private final Thread thread;

  Worker(WorkerGroup<I, O> group, boolean express, String name, Duration startDelay) {
    this.group = requireNonNull(group, "group is null");
    this.express = express;
    this.startDelay = requireNonNull(startDelay, "startDelay is null");
    this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this);
  }

  /** Whether this worker computes express batches (see {@link BatchAggregator}). */
  boolean express() {
    return express;
  }

  void start() {
    thread.start();
  }

  /** Waits up to {@code timeout} for the thread to end; true when it has. */
  boolean join(Duration timeout) throws InterruptedException {
    return thread.join(timeout.isNegative() ? Duration.ZERO : timeout);
  }

  @Override
  public String toString() {
    return thread.getName();
  }

  @Override
  public void run() {
    Throwable crash = null;
    try {
      if (!express && !ThreadNice.set(REGULAR_NICE)) {
        LOG.debug("{} keeps the default scheduling priority", thread.getName());
      }
      Thread.sleep(startDelay);
      try (ModelRunner<I, O> runner = group.model().newRunner()) {
        while (crash == null) {
          Duration idle = group.settings().maxIdleTime();
          Batch<I, O> batch =
              express
                  ? group.aggregator().nextExpressBatch(idle)
                  : group.aggregator().nextBatch(idle);
          if (batch == null) {
            if (group.aggregator().draining() || (!express && group.retire(this))) {
              return;
            }
          } else {
            try {
              crash = compute(runner, batch);
            } finally {
              group.aggregator().finished(batch);
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      crash = e;
    } finally {
      group.exited(this, crash);
    }
  }

  /** Computes one batch; returns what the runner threw, or null. */
  private Throwable compute(ModelRunner<I, O> runner, Batch<I, O> batch) {
    long start = System.nanoTime();
    batch.jobs().forEach(job -> group.metrics().queueWait(start - job.enqueuedNanos()));
    int items = batch.items();
    List<Computed<O>> outputs;
    try {
      outputs = runner.run(batch.inputs());
      if (outputs.size() != items) {
        throw new IllegalStateException(
            "model returned " + outputs.size() + " outputs for " + items + " inputs");
      }
    } catch (InferenceException e) {
      // The request itself was wrong (say, a prompt longer than the context): not a crash.
      batch.jobs().forEach(job -> job.fail(e));
      return null;
    } catch (Throwable t) {
      LOG.warn(
          "{} failed on a batch of {} items; replacing the worker", thread.getName(), items, t);
      InferenceFailedException failure =
          new InferenceFailedException(
              "model '" + group.modelId() + "' failed on " + group.device() + ": " + t, t);
      batch.jobs().forEach(job -> job.fail(failure));
      return t;
    }
    long computeNanos = System.nanoTime() - start;
    group.metrics().batchComputed(items, computeNanos);
    distribute(batch, outputs, computeNanos);
    return null;
  }

  /** Completes each job with its outputs and its share of the batch time, split by tokens. */
  private void distribute(Batch<I, O> batch, List<Computed<O>> outputs, long computeNanos) {
    long batchTokens = outputs.stream().mapToLong(Computed::tokens).sum();
    group.metrics().tokensComputed(batchTokens);
    int batchItems = outputs.size();
    int offset = 0;
    for (Job<I, O> job : batch.jobs()) {
      List<Computed<O>> mine = outputs.subList(offset, offset + job.size());
      offset += job.size();
      List<O> values = new ArrayList<>(mine.size());
      long tokens = 0;
      for (Computed<O> computed : mine) {
        values.add(computed.value());
        tokens += computed.tokens();
      }
      double share =
          batchTokens > 0 ? (double) tokens / batchTokens : (double) job.size() / batchItems;
      job.succeed(
          values, new Usage(job.size(), tokens, computeNanos * share / 1e6, group.device()));
    }
  }
}
