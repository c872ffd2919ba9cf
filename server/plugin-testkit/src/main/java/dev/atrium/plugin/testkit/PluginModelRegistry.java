package dev.atrium.plugin.testkit;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.inference.ModelDefinition;
import dev.atrium.plugin.api.inference.ModelRegistration;
import dev.atrium.plugin.api.inference.ModelRegistry;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * A plugin's model registry: registers through the pool's and keeps the holds, so that closing the
 * context gives them back as the host does when a plugin stops.
 */
final class PluginModelRegistry implements ModelRegistry {
  private final ModelRegistry pool;
  private final List<ModelRegistration> holds = new ArrayList<>();

  PluginModelRegistry(ModelRegistry pool) {
    this.pool = requireNonNull(pool, "pool is null");
  }

  @Override
  public Future<ModelRegistration> register(ModelDefinition definition) {
    return pool.register(definition)
        .onSuccess(
            hold -> {
              synchronized (holds) {
                holds.add(hold);
              }
            });
  }

  /** Gives back every hold still held (closing a hold twice does nothing). */
  void releaseAll() {
    List<ModelRegistration> held;
    synchronized (holds) {
      held = List.copyOf(holds);
      holds.clear();
    }
    held.forEach(ModelRegistration::close);
  }
}
