package dev.atrium.inference;

import static java.util.Objects.requireNonNull;

import dev.atrium.inference.catalog.PoolSettings;
import dev.atrium.inference.runner.LoadedModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers of one model on one device, sharing the model loaded once for that device. Keeps
 * between {@code min_workers} and {@code max_workers} alive: grows on demand, lets idle workers
 * above the minimum retire, and replaces a worker whose model call failed. Its {@code
 * express_workers} run from start to close besides those.
 */
final class WorkerGroup<I, O> {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerGroup.class);
  private static final Duration RESTART_DELAY = Duration.ofMillis(100);

  private final String modelId;
  private final String device;
  private final PoolSettings settings;
  private final LoadedModel<I, O> model;
  private final BatchAggregator<I, O> aggregator;
  private final PoolMetrics metrics;
  private final List<Worker<I, O>> workers = new ArrayList<>();
  private final List<Worker<I, O>> expressWorkers = new ArrayList<>();
  private int started;
  private boolean closing;

  WorkerGroup(
      String modelId,
      String device,
      PoolSettings settings,
      LoadedModel<I, O> model,
      BatchAggregator<I, O> aggregator,
      PoolMetrics metrics) {
    this.modelId = requireNonNull(modelId, "modelId is null");
    this.device = requireNonNull(device, "device is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.model = requireNonNull(model, "model is null");
    this.aggregator = requireNonNull(aggregator, "aggregator is null");
    this.metrics = requireNonNull(metrics, "metrics is null");
  }

  synchronized void start() {
    for (int i = 0; i < settings.minWorkers(); i++) {
      add(false, Duration.ZERO);
    }
    for (int i = 0; i < settings.expressWorkers(); i++) {
      add(true, Duration.ZERO);
    }
  }

  /** Adds a worker unless at {@code max_workers}; true when one was added. */
  synchronized boolean scaleUp() {
    if (closing || workers.size() >= settings.maxWorkers()) {
      return false;
    }
    add(false, Duration.ZERO);
    return true;
  }

  /** Lets an idle worker go if the group stays at or above {@code min_workers}. */
  synchronized boolean retire(Worker<I, O> worker) {
    if (workers.size() <= settings.minWorkers()) {
      return false;
    }
    workers.remove(worker);
    LOG.debug("{} on {}: idle worker retired, {} left", modelId, device, workers.size());
    return true;
  }

  /** Called by a worker as it ends; a crashed worker is replaced unless the group is closing. */
  synchronized void exited(Worker<I, O> worker, Throwable crash) {
    boolean wasCounted = (worker.express() ? expressWorkers : workers).remove(worker);
    if (crash != null && wasCounted && !closing) {
      LOG.warn(
          "{} on {}: worker {} crashed ({}); starting a replacement",
          modelId,
          device,
          worker,
          crash.toString());
      metrics.workerRestarted();
      add(worker.express(), RESTART_DELAY);
    }
  }

  /** Waits for every worker to end (they do once the aggregator drains); true if all did. */
  boolean awaitStopped(Instant until) throws InterruptedException {
    List<Worker<I, O>> current;
    synchronized (this) {
      closing = true;
      current = new ArrayList<>(workers);
      current.addAll(expressWorkers);
    }
    boolean all = true;
    for (Worker<I, O> worker : current) {
      all &= worker.join(Duration.between(Instant.now(), until));
    }
    return all;
  }

  void closeModel() {
    model.close();
  }

  synchronized int size() {
    return workers.size();
  }

  String modelId() {
    return modelId;
  }

  String device() {
    return device;
  }

  PoolSettings settings() {
    return settings;
  }

  LoadedModel<I, O> model() {
    return model;
  }

  BatchAggregator<I, O> aggregator() {
    return aggregator;
  }

  PoolMetrics metrics() {
    return metrics;
  }

  private void add(boolean express, Duration startDelay) {
    String name =
        "atrium-inference-" + modelId + "-" + device + (express ? "-express-" : "-") + started++;
    Worker<I, O> worker = new Worker<>(this, express, name, startDelay);
    (express ? expressWorkers : workers).add(worker);
    worker.start();
  }
}
