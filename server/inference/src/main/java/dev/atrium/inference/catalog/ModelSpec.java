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
 * @param pool queueing, batching and scaling (for generation: one worker per slot, batch size 1)
 * @param license the licence of the model's weights, as shown to operators (empty when unknown)
 * @param embedding present exactly when the task is {@link Task#EMBEDDING}
 * @param generation present exactly when the task is {@link Task#GENERATION}
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
    String license,
    Optional<EmbeddingSpec> embedding,
    Optional<GenerationSpec> generation) {

  public ModelSpec {
    requireNonNull(id, "id is null");
    requireNonNull(task, "task is null");
    requireNonNull(engine, "engine is null");
    requireNonNull(artifact, "artifact is null");
    languages = List.copyOf(requireNonNull(languages, "languages is null"));
    devices = List.copyOf(requireNonNull(devices, "devices is null"));
    requireNonNull(pool, "pool is null");
    requireNonNull(license, "license is null");
    requireNonNull(embedding, "embedding is null");
    requireNonNull(generation, "generation is null");
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
    if (generation.isPresent() != (task == Task.GENERATION)) {
      throw new CatalogConfigException(
          "model '" + id + "': generation settings are for generation models only");
    }
    if (task == Task.GENERATION && pool.batchSize() != 1) {
      throw new CatalogConfigException(
          "model '"
              + id
              + "': batch_size must be 1 for a generation model (each worker is one llama.cpp"
              + " slot; requests are batched token by token across slots)");
    }
  }

  /**
   * Threads per model call: as configured, else the cores split evenly among max workers (an
   * embedding model's workers compute apart), or every core for a generation model (its slots share
   * one llama.cpp compute loop).
   */
  public int intraOpThreads(int cores) {
    if (intraOpThreads > 0) {
      return intraOpThreads;
    }
    return task == Task.GENERATION ? cores : Math.max(1, cores / pool.maxWorkers());
  }

  /** llama.cpp slots: one per regular and per express worker. */
  public int slots() {
    return pool.maxWorkers() + pool.expressWorkers();
  }
}
