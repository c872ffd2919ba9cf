package dev.atrium.inference.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How one model's pool queues, batches and scales (names as in DJL Serving).
 *
 * @param batchSize most input items (texts) computed in one call of the model
 * @param maxBatchDelay how long a worker waits for a batch to fill once it has something
 * @param jobQueueSize most jobs (requests) admitted at once, queued or computing
 * @param minWorkers workers kept alive per device, even when idle (0 allowed)
 * @param maxWorkers most workers per device under load
 * @param expressWorkers workers per device, besides those, that compute only for tenants with no
 *     batch running, while every other worker is busy: a light tenant does not wait behind a heavy
 *     one's batches (0 turns them off)
 * @param maxIdleTime how long a worker above {@code minWorkers} may idle before it retires
 */
public record PoolSettings(
    int batchSize,
    Duration maxBatchDelay,
    int jobQueueSize,
    int minWorkers,
    int maxWorkers,
    int expressWorkers,
    Duration maxIdleTime) {

  public PoolSettings {
    requireNonNull(maxBatchDelay, "maxBatchDelay is null");
    requireNonNull(maxIdleTime, "maxIdleTime is null");
    check(batchSize >= 1, "batch_size must be at least 1, got " + batchSize);
    check(!maxBatchDelay.isNegative(), "max_batch_delay must not be negative");
    check(jobQueueSize >= 1, "job_queue_size must be at least 1, got " + jobQueueSize);
    check(minWorkers >= 0, "min_workers must not be negative, got " + minWorkers);
    check(maxWorkers >= 1, "max_workers must be at least 1, got " + maxWorkers);
    check(
        minWorkers <= maxWorkers,
        "min_workers (" + minWorkers + ") must not exceed max_workers (" + maxWorkers + ")");
    check(expressWorkers >= 0, "express_workers must not be negative, got " + expressWorkers);
    check(maxIdleTime.isPositive(), "max_idle_time must be positive");
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new CatalogConfigException(message);
    }
  }
}
