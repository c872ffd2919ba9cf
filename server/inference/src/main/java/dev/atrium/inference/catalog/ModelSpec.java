package dev.atrium.inference.catalog;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.inference.Task;
import java.util.List;
import java.util.Optional;

/**
 * One model of the catalog: what it is, where its files are, where it runs and how its pool
 * behaves.
 *
 * @param id the id requests name
 * @param task what it does
 * @param engine the runner that loads it (e.g. {@code OnnxRuntime})
 * @param artifact where its files are: {@code classpath:<name>} or {@code file:<dir>/<name>}, read
 *     as {@code <name>.onnx} and {@code <name>-tokenizer.json}
 * @param languages language tags it is meant for, used to route requests without a model id
 * @param devices {@code auto} (every GPU the engine sees, else the CPU), or names like {@code cpu},
 *     {@code gpu0}
 * @param intraOpThreads threads one model call may use; 0 means cores / max_workers
 * @param pool queueing, batching and scaling
 * @param embedding present exactly when the task is {@link Task#EMBEDDING}
 */
public record ModelSpec(
    String id,
    Task task,
    String engine,
    String artifact,
    List<String> languages,
    List<String> devices,
    int intraOpThreads,
    PoolSettings pool,
    Optional<EmbeddingSpec> embedding) {

  public ModelSpec {
    requireNonNull(id, "id is null");
    requireNonNull(task, "task is null");
    requireNonNull(engine, "engine is null");
    requireNonNull(artifact, "artifact is null");
    languages = List.copyOf(requireNonNull(languages, "languages is null"));
    devices = List.copyOf(requireNonNull(devices, "devices is null"));
    requireNonNull(pool, "pool is null");
    requireNonNull(embedding, "embedding is null");
    if (devices.isEmpty()) {
      throw new CatalogConfigException("model '" + id + "': devices must not be empty");
    }
    if (intraOpThreads < 0) {
      throw new CatalogConfigException("model '" + id + "': intra_op_threads must not be negative");
    }
    if (embedding.isPresent() != (task == Task.EMBEDDING)) {
      throw new CatalogConfigException(
          "model '" + id + "': embedding settings are for embedding models only");
    }
  }

  /** Threads per model call: as configured, else the cores split evenly among max workers. */
  public int intraOpThreads(int cores) {
    return intraOpThreads > 0 ? intraOpThreads : Math.max(1, cores / pool.maxWorkers());
  }
}
