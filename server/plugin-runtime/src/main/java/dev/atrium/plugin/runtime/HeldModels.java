package dev.atrium.plugin.runtime;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.inference.ModelDefinition;
import dev.atrium.plugin.api.inference.ModelRegistration;
import dev.atrium.plugin.api.inference.ModelRegistry;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * The models one plugin version registered in the shared pool, given back when it stops (an
 * upgraded version registers its own; a model both hold stays loaded across the upgrade). The host
 * and the testkit give each plugin context one.
 */
public final class HeldModels implements ModelRegistry, AutoCloseable {

  private final ModelRegistry pool;
  private final List<ModelRegistration> held = new ArrayList<>();
  private boolean closed;

  public HeldModels(ModelRegistry pool) {
    this.pool = requireNonNull(pool, "pool is null");
  }

  @Override
  public Future<ModelRegistration> register(ModelDefinition definition) {
    return pool.register(definition)
        .map(
            registration -> {
              synchronized (this) {
                if (!closed) {
                  held.add(registration);
                  return registration;
                }
              }
              registration.close(); // the plugin stopped while its model loaded
              throw new IllegalStateException("the plugin has stopped");
            });
  }

  @Override
  public void close() {
    List<ModelRegistration> release;
    synchronized (this) {
      closed = true;
      release = new ArrayList<>(held);
      held.clear();
    }
    release.forEach(ModelRegistration::close);
  }
}
