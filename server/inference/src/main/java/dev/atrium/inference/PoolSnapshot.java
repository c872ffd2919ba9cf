package dev.atrium.inference;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one model pool is doing right now, for the operator view.
 *
 * @param modelId the model
 * @param devices the devices it runs on
 * @param workers worker threads alive, over all devices
 * @param minWorkers workers kept per device
 * @param maxWorkers most workers per device
 * @param queuedJobs jobs waiting for a batch
 * @param queuedJobsByTenant waiting jobs per tenant, sorted by tenant (tenants with none are left
 *     out)
 * @param inFlight admitted jobs not yet completed (queued or computing)
 * @param capacity {@code job_queue_size}
 * @param batches model calls so far
 * @param items items computed so far
 * @param meanBatchSize items per model call so far
 * @param recentItemsPerSecond items per second over the last ten seconds
 * @param task what the model does ({@code embedding}, {@code generation}, ...)
 * @param owner {@code atrium} for the operator's catalog, else the plugins holding it
 * @param license the licence of the model's weights (empty when unknown)
 */
public record PoolSnapshot(
    String modelId,
    List<String> devices,
    int workers,
    int minWorkers,
    int maxWorkers,
    int queuedJobs,
    Map<String, Integer> queuedJobsByTenant,
    int inFlight,
    int capacity,
    long batches,
    long items,
    double meanBatchSize,
    double recentItemsPerSecond,
    String task,
    String owner,
    String license) {

  public PoolSnapshot {
    requireNonNull(modelId, "modelId is null");
    devices = List.copyOf(requireNonNull(devices, "devices is null"));
    queuedJobsByTenant =
        Collections.unmodifiableSortedMap(
            new TreeMap<>(requireNonNull(queuedJobsByTenant, "queuedJobsByTenant is null")));
  }
}
