package dev.atrium.inference;

import static java.util.Objects.requireNonNull;

import dev.atrium.inference.catalog.CatalogConfig;
import dev.atrium.inference.catalog.CatalogConfigException;
import dev.atrium.inference.catalog.ModelSpec;
import dev.atrium.plugin.api.inference.InferenceException;
import dev.atrium.plugin.api.inference.InferenceFailedException;
import dev.atrium.plugin.api.inference.InvalidInputException;
import dev.atrium.plugin.api.inference.ModelDefinition;
import dev.atrium.plugin.api.inference.ModelInfo;
import dev.atrium.plugin.api.inference.ModelRegistration;
import dev.atrium.plugin.api.inference.PoolShutdownException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Models plugins register at run time. Loading and unloading run one at a time on a thread of their
 * own (a model load blocks for seconds), so two registrations of one model never load it twice: the
 * second finds the first served and adds a hold.
 */
final class ModelRegistrations implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistrations.class);

  private final InferencePool pool;
  private final int cores;
  private final ExecutorService loader =
      Executors.newSingleThreadExecutor(
          runnable -> Thread.ofPlatform().name("atrium-model-loader").daemon().unstarted(runnable));

  ModelRegistrations(InferencePool pool, int cores) {
    this.pool = requireNonNull(pool, "pool is null");
    this.cores = cores;
  }

  Future<ModelRegistration> register(String owner, ModelDefinition definition) {
    requireNonNull(owner, "owner is null");
    requireNonNull(definition, "definition is null");
    Context context = Vertx.currentContext();
    Promise<ModelRegistration> promise = Promise.promise();
    ModelSpec spec;
    try {
      spec = CatalogConfig.parseModel(definition.id(), entry(definition), cores);
    } catch (CatalogConfigException e) {
      return Future.failedFuture(new InvalidInputException(e.getMessage()));
    }
    try {
      loader.execute(
          () -> {
            try {
              ModelRegistration registration = registerNow(owner, spec);
              OnContext.run(context, () -> promise.complete(registration));
            } catch (InferenceException e) {
              OnContext.run(context, () -> promise.fail(e));
            } catch (Exception e) {
              LOG.warn("model '{}' of {} failed to load", spec.id(), owner, e);
              InferenceFailedException failure =
                  new InferenceFailedException(
                      "model '" + spec.id() + "' failed to load: " + e.getMessage(), e);
              OnContext.run(context, () -> promise.fail(failure));
            }
          });
    } catch (RejectedExecutionException e) {
      return Future.failedFuture(new PoolShutdownException("the inference pool is shutting down"));
    }
    return promise.future();
  }

  private ModelRegistration registerNow(String owner, ModelSpec spec) throws Exception {
    ServedModel model = pool.holdIfServed(spec, owner);
    if (model == null) {
      LOG.info("registering model '{}' for {}", spec.id(), owner);
      model = pool.serve(pool.start(spec), owner);
    }
    return new Registration(model, owner);
  }

  private static JsonObject entry(ModelDefinition definition) {
    return definition
        .settings()
        .put("task", definition.task().name().toLowerCase(Locale.ROOT))
        .put("artifact", "file:" + definition.artifact().toAbsolutePath());
  }

  /** Stops taking registrations; pending loads are abandoned, served models close with the pool. */
  @Override
  public void close() {
    loader.shutdownNow();
  }

  /** One hold on a served model. */
  private final class Registration implements ModelRegistration {
    private final ServedModel model;
    private final String owner;
    private final AtomicBoolean closed = new AtomicBoolean();

    Registration(ServedModel model, String owner) {
      this.model = model;
      this.owner = owner;
    }

    @Override
    public ModelInfo model() {
      return model.info();
    }

    @Override
    public void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      ModelPool<?, ?> unload = pool.release(model, owner);
      if (unload == null) {
        return;
      }
      LOG.info("model '{}' has no holder left: unloading", model.spec().id());
      unload.beginClose();
      try {
        loader.execute(() -> finishClose(unload));
      } catch (RejectedExecutionException e) {
        finishClose(unload);
      }
    }

    private void finishClose(ModelPool<?, ?> unload) {
      try {
        unload.finishClose(pool.drainDeadline());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
