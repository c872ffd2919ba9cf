package dev.atrium.inference;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The Micrometer meters of one model pool, all tagged {@code model}. Only the rejection counter
 * carries a {@code tenant} tag: tenants are many, so no per-tenant timers or gauges.
 */
final class PoolMetrics {

  private static final String PREFIX = "atrium.inference.";

  private final String modelId;
  private final MeterRegistry registry;
  private final Timer queueWait;
  private final DistributionSummary batchSize;
  private final Timer compute;
  private final Counter items;
  private final Counter tokens;
  private final Counter workerRestarts;
  private final List<Meter> meters = new ArrayList<>();
  private final LongAdder batchCount = new LongAdder();
  private final LongAdder itemCount = new LongAdder();
  private final ThroughputWindow recent = new ThroughputWindow();

  PoolMetrics(
      String modelId,
      MeterRegistry registry,
      Supplier<Number> queueDepth,
      Supplier<Number> workers) {
    this.modelId = requireNonNull(modelId, "modelId is null");
    this.registry = requireNonNull(registry, "registry is null");
    meters.add(
        Gauge.builder(PREFIX + "queue.depth", queueDepth)
            .description("Jobs waiting for a batch")
            .tag("model", modelId)
            .register(registry));
    meters.add(
        Gauge.builder(PREFIX + "workers", workers)
            .description("Worker threads alive (for generation: slots)")
            .tag("model", modelId)
            .register(registry));
    queueWait =
        Timer.builder(PREFIX + "queue.wait")
            .description("Time from admission to the start of the job's batch")
            .tag("model", modelId)
            .register(registry);
    batchSize =
        DistributionSummary.builder(PREFIX + "batch.size")
            .description("Items per model call")
            .baseUnit("items")
            .tag("model", modelId)
            .register(registry);
    compute =
        Timer.builder(PREFIX + "compute")
            .description("Time of one model call")
            .tag("model", modelId)
            .register(registry);
    items =
        Counter.builder(PREFIX + "items")
            .description("Items computed (throughput)")
            .baseUnit("items")
            .tag("model", modelId)
            .register(registry);
    tokens =
        Counter.builder(PREFIX + "tokens")
            .description("Tokens the model read and (for generation) wrote")
            .baseUnit("tokens")
            .tag("model", modelId)
            .register(registry);
    workerRestarts =
        Counter.builder(PREFIX + "worker.restarts")
            .description("Workers replaced after their model call failed")
            .tag("model", modelId)
            .register(registry);
    meters.addAll(List.of(queueWait, batchSize, compute, items, tokens, workerRestarts));
  }

  /**
   * Removes this pool's meters (an unloaded model's gauges would otherwise keep reading its pool).
   * Rejection counters stay: they are per tenant and outlive a reload of the same model.
   */
  void close() {
    meters.forEach(registry::remove);
  }

  void queueWait(long nanos) {
    queueWait.record(nanos, TimeUnit.NANOSECONDS);
  }

  void tokensComputed(long count) {
    tokens.increment(count);
  }

  void batchComputed(int batchItems, long computeNanos) {
    batchSize.record(batchItems);
    compute.record(computeNanos, TimeUnit.NANOSECONDS);
    items.increment(batchItems);
    batchCount.increment();
    itemCount.add(batchItems);
    recent.record(batchItems);
  }

  /** A request turned away or dropped: {@code reason} is e.g. pool_full, tenant_over_share. */
  void rejected(String reason, String tenantId) {
    registry
        .counter(PREFIX + "rejections", "model", modelId, "reason", reason, "tenant", tenantId)
        .increment();
  }

  void workerRestarted() {
    workerRestarts.increment();
  }

  long batches() {
    return batchCount.sum();
  }

  long items() {
    return itemCount.sum();
  }

  double recentItemsPerSecond() {
    return recent.itemsPerSecond();
  }
}
