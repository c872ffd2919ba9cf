package dev.atrium.inference.tabular;

import static java.util.Objects.requireNonNull;

import dev.atrium.inference.OnContext;
import dev.atrium.plugin.api.JobProgress;
import dev.atrium.plugin.api.inference.InferenceException;
import dev.atrium.plugin.api.inference.InferenceFailedException;
import dev.atrium.plugin.api.inference.ModelDefinition;
import dev.atrium.plugin.api.inference.ModelRegistration;
import dev.atrium.plugin.api.inference.ModelRegistry;
import dev.atrium.plugin.api.inference.Task;
import dev.atrium.plugin.api.tabular.TabularModels;
import dev.atrium.plugin.api.tabular.TrainedModel;
import dev.atrium.plugin.api.tabular.TrainingData;
import dev.atrium.plugin.api.tabular.TrainingParams;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One plugin's {@link TabularModels}: trainings go to the host's queue under the plugin's name;
 * served models are written to the host's model files and registered as {@code tabular_scoring}
 * pools through the plugin's registry.
 */
final class PluginTabularModels implements TabularModels {

  private static final Logger LOG = LoggerFactory.getLogger(PluginTabularModels.class);

  private final String pluginId;
  private final TrainingQueue queue;
  private final BoosterTrainer trainer;
  private final ModelFiles files;
  private final ModelRegistry registry;

  PluginTabularModels(
      String pluginId,
      TrainingQueue queue,
      BoosterTrainer trainer,
      ModelFiles files,
      ModelRegistry registry) {
    this.pluginId = requireNonNull(pluginId, "pluginId is null");
    this.queue = requireNonNull(queue, "queue is null");
    this.trainer = requireNonNull(trainer, "trainer is null");
    this.files = requireNonNull(files, "files is null");
    this.registry = requireNonNull(registry, "registry is null");
  }

  @Override
  public Future<TrainedModel> train(
      TrainingData data, TrainingParams params, JobProgress progress) {
    requireNonNull(data, "data is null");
    requireNonNull(params, "params is null");
    requireNonNull(progress, "progress is null");
    return queue.submit(
        pluginId,
        () -> {
          if (progress.cancelled()) {
            throw new CancellationException("cancelled before it started");
          }
          progress.update(0, "training on " + data.rowCount() + " rows");
          LOG.info(
              "{} trains on {} rows of {} features ({} validating)",
              pluginId,
              data.rowCount(),
              data.featureNames().size(),
              data.validationRows());
          TrainedModel model = trainer.train(data, params, progress);
          LOG.info("{}: {}", pluginId, model.metrics());
          return model;
        });
  }

  @Override
  public Future<ModelRegistration> serve(String modelId, TrainedModel model) {
    requireNonNull(modelId, "modelId is null");
    requireNonNull(model, "model is null");
    try {
      definition(modelId, Path.of(".")); // refuses a bad id before anything is written
    } catch (InferenceException e) {
      return Future.failedFuture(e);
    }
    Context context = Vertx.currentContext();
    Promise<ModelRegistration> promise = Promise.promise();
    Thread.ofVirtual()
        .name("atrium-tabular-serve")
        .start(
            () -> {
              try {
                ModelRegistration registration = register(modelId, model.bytes());
                OnContext.run(context, () -> promise.complete(registration));
              } catch (Exception e) {
                OnContext.run(context, () -> promise.fail(e));
              }
            });
    return promise.future();
  }

  /** Writes the model's file, registers it and waits for the load; the file goes after. Blocks. */
  private ModelRegistration register(String modelId, byte[] bytes) throws Exception {
    Path file;
    try {
      file = files.store(bytes);
    } catch (IOException e) {
      throw new InferenceFailedException("model '" + modelId + "' could not be stored: " + e, e);
    }
    try {
      return registry
          .register(definition(modelId, file))
          .toCompletionStage()
          .toCompletableFuture()
          .get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      files.release(file);
    }
  }

  private static ModelDefinition definition(String modelId, Path file) {
    return new ModelDefinition(modelId, Task.TABULAR_SCORING, file, new JsonObject());
  }
}
