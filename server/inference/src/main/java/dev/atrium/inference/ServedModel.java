package dev.atrium.inference;

import static java.util.Objects.requireNonNull;

import dev.atrium.inference.catalog.ModelSpec;
import dev.atrium.plugin.api.inference.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One model in the pool registry: its pool and who holds it. A catalog model is held by the
 * operator ({@link ModelInfo#CATALOG_OWNER}) until the pool closes; a plugin's registration adds a
 * hold, and the model is unloaded when the last hold goes (as DJL Serving's {@code
 * registerWorkerPool} counts references). Guarded by the registry's lock.
 */
final class ServedModel {

  private final ModelPool<?, ?> pool;
  private final List<String> holders = new ArrayList<>();

  ServedModel(ModelPool<?, ?> pool, String holder) {
    this.pool = requireNonNull(pool, "pool is null");
    holders.add(requireNonNull(holder, "holder is null"));
  }

  ModelPool<?, ?> pool() {
    return pool;
  }

  ModelSpec spec() {
    return pool.spec();
  }

  /** Whether {@code other} is the same model, so a second registration may share this one. */
  boolean sameModel(ModelSpec other) {
    ModelSpec spec = pool.spec();
    return spec.task() == other.task()
        && spec.engine().equals(other.engine())
        && Objects.equals(spec.artifact(), other.artifact());
  }

  void hold(String holder) {
    holders.add(holder);
  }

  /** Gives back one of {@code holder}'s holds; true when no hold is left. */
  boolean release(String holder) {
    holders.remove(holder);
    return holders.isEmpty();
  }

  /** The holders, distinct, in order: {@code atrium} or plugin ids. */
  String owner() {
    return String.join(",", holders.stream().distinct().toList());
  }

  ModelInfo info() {
    return pool.info(owner());
  }

  PoolSnapshot snapshot() {
    return pool.snapshot(owner());
  }
}
