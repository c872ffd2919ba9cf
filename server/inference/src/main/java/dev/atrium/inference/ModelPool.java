package dev.atrium.inference;

import static java.util.Objects.requireNonNull;

import dev.atrium.inference.catalog.ModelSpec;
import dev.atrium.inference.runner.LoadedModel;
import dev.atrium.inference.runner.ModelLoader;
import dev.atrium.plugin.api.inference.InvalidInputException;
import dev.atrium.plugin.api.inference.ModelInfo;
import dev.atrium.plugin.api.inference.PoolFullException;
import dev.atrium.plugin.api.inference.PoolShutdownException;
import dev.atrium.plugin.api.inference.Priority;
import dev.atrium.plugin.api.inference.TenantOverShareException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that serves one model: admission, the fair queue and batcher shared by all its
 * devices, and one {@link WorkerGroup} per device.
 */
final class ModelPool<I, O> {

  private static final Logger LOG = LoggerFactory.getLogger(ModelPool.class);
  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private final ModelSpec spec;
  private final List<String> devices;
  private final Admission admission;
  private final BatchAggregator<I, O> aggregator;
  private final PoolMetrics metrics;
  private final List<WorkerGroup<I, O>> groups = new CopyOnWriteArrayList<>();
  private final AtomicLong sequence = new AtomicLong();
  private volatile boolean closed;

  private ModelPool(
      ModelSpec spec, List<String> devices, TenantWeights weights, MeterRegistry registry) {
    this.spec = requireNonNull(spec, "spec is null");
    this.devices = List.copyOf(devices);
    this.admission = new Admission(spec.pool().jobQueueSize(), weights);
    this.aggregator =
        new BatchAggregator<>(
            spec.id(), spec.pool().batchSize(), spec.pool().maxBatchDelay(), weights);
    this.metrics = new PoolMetrics(spec.id(), registry, aggregator::queuedJobs, this::workers);
  }

  /** Loads the model once per device, warms it up and starts {@code min_workers} per device. */
  static <I, O> ModelPool<I, O> start(
      ModelSpec spec,
      ModelLoader<I, O> loader,
      TenantWeights weights,
      MeterRegistry registry,
      int cores)
      throws Exception {
    List<String> devices = spec.devices().contains("auto") ? loader.autoDevices() : spec.devices();
    ModelPool<I, O> pool = new ModelPool<>(spec, devices, weights, registry);
    int intraOpThreads = spec.intraOpThreads(cores);
    try {
      for (String device : devices) {
        LoadedModel<I, O> model = loader.load(spec, device, intraOpThreads);
        WorkerGroup<I, O> group =
            new WorkerGroup<>(spec.id(), device, spec.pool(), model, pool.aggregator, pool.metrics);
        pool.groups.add(group);
        try (var runner = model.newRunner()) {
          runner.run(model.warmUpInput());
        }
        group.start();
      }
    } catch (Exception | Error e) {
      pool.close(Duration.ZERO);
      throw e;
    }
    LOG.info(
        "model '{}' serving on {} ({} intra-op threads per call, workers {}..{} per device)",
        spec.id(),
        devices,
        intraOpThreads,
        spec.pool().minWorkers(),
        spec.pool().maxWorkers());
    return pool;
  }

  /**
   * Admits and queues a job, or throws {@link InvalidInputException} (the model refuses the items),
   * {@link TenantOverShareException}, {@link PoolFullException} or {@link PoolShutdownException}.
   */
  Job<I, O> submit(
      String tenantId,
      List<I> items,
      Priority priority,
      Instant deadline,
      JobListener<O> listener) {
    if (closed) {
      metrics.rejected("shutdown", tenantId);
      throw new PoolShutdownException("model '" + spec.id() + "' is shutting down");
    }
    groups.getFirst().model().validate(items);
    switch (admission.admit(tenantId)) {
      case TENANT_OVER_SHARE -> {
        metrics.rejected("tenant_over_share", tenantId);
        throw new TenantOverShareException(tenantId, spec.id(), retryAfter());
      }
      case POOL_FULL -> {
        metrics.rejected("pool_full", tenantId);
        throw new PoolFullException(spec.id(), retryAfter());
      }
      case ADMITTED -> {}
    }
    Job<I, O> job =
        new Job<>(
            tenantId,
            items,
            priority,
            deadline,
            sequence.incrementAndGet(),
            listener,
            () -> admission.release(tenantId));
    aggregator.enqueue(job);
    scaleUpIfBehind();
    return job;
  }

  /**
   * Adds a worker where there is most headroom when no worker is idle and a full batch waits (or no
   * worker exists at all): below that, bigger batches absorb the load for less CPU than another
   * worker competing for the cores.
   */
  private void scaleUpIfBehind() {
    if (workers() == 0
        || (aggregator.idleWorkers() == 0 && aggregator.queuedItems() >= spec.pool().batchSize())) {
      groups.stream()
          .min(Comparator.comparingInt(WorkerGroup::size))
          .ifPresent(WorkerGroup::scaleUp);
    }
  }

  /** How long until the queue has room, at the recent pace; between 1 s and 60 s. */
  private Duration retryAfter() {
    double perSecond = metrics.recentItemsPerSecond();
    if (perSecond <= 0) {
      return Duration.ofSeconds(1);
    }
    long seconds = (long) Math.ceil(aggregator.queuedItems() / perSecond);
    Duration estimate = Duration.ofSeconds(Math.max(1, seconds));
    return estimate.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : estimate;
  }

  /** Stops admitting; workers finish what is queued and then stop. */
  void beginClose() {
    closed = true;
    aggregator.startDraining();
  }

  /**
   * Waits until {@code until} for queued work to finish, fails what is left, stops the workers and
   * closes the loaded models.
   */
  void finishClose(Instant until) throws InterruptedException {
    beginClose();
    boolean drained = true;
    for (WorkerGroup<I, O> group : groups) {
      drained &= group.awaitStopped(until);
    }
    if (!drained) {
      List<Job<I, O>> left = aggregator.removeAll();
      LOG.warn("model '{}': drain timed out, failing {} queued jobs", spec.id(), left.size());
      left.forEach(
          job -> job.fail(new PoolShutdownException("model '" + spec.id() + "' shut down")));
      for (WorkerGroup<I, O> group : groups) {
        group.awaitStopped(Instant.now().plusSeconds(5));
      }
    }
    groups.forEach(WorkerGroup::closeModel);
    metrics.close();
  }

  private void close(Duration timeout) throws InterruptedException {
    finishClose(Instant.now().plus(timeout));
  }

  ModelSpec spec() {
    return spec;
  }

  ModelInfo info(String owner) {
    OptionalInt dimensions =
        spec.embedding().map(e -> OptionalInt.of(e.dimensions())).orElse(OptionalInt.empty());
    int maxTokens =
        spec.embedding()
            .map(e -> e.maxTokens())
            .or(() -> spec.generation().map(g -> g.contextLength()))
            .orElse(0);
    return new ModelInfo(
        spec.id(), spec.task(), dimensions, spec.languages(), maxTokens, devices, owner);
  }

  PoolSnapshot snapshot(String owner) {
    long batches = metrics.batches();
    long items = metrics.items();
    return new PoolSnapshot(
        spec.id(),
        devices,
        workers(),
        spec.pool().minWorkers(),
        spec.pool().maxWorkers(),
        aggregator.queuedJobs(),
        aggregator.queuedJobsByTenant(),
        admission.inUse(),
        spec.pool().jobQueueSize(),
        batches,
        items,
        batches == 0 ? 0 : (double) items / batches,
        metrics.recentItemsPerSecond(),
        spec.task().name().toLowerCase(Locale.ROOT),
        owner,
        spec.license());
  }

  private int workers() {
    return groups.stream().mapToInt(WorkerGroup::size).sum();
  }
}
