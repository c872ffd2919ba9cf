package dev.atrium.inference.tabular;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.inference.ModelRegistry;
import dev.atrium.plugin.api.tabular.TabularModels;
import java.nio.file.Path;

/**
 * The host's tabular models: one training queue and one store of model files for the server, and a
 * {@link TabularModels} per plugin on top of them that serves through the plugin's own model
 * registry (so its models are given back when it stops).
 */
public final class TabularModelService implements AutoCloseable {

  private final TrainingQueue queue;
  private final BoosterTrainer trainer;
  private final ModelFiles files;

  /**
   * How training runs and where served models are kept.
   *
   * @param concurrency trainings at once
   * @param maxQueued trainings that may wait
   * @param threads xgboost threads per training
   * @param modelsDir where served models' files are written
   */
  public record Settings(int concurrency, int maxQueued, int threads, Path modelsDir) {
    public Settings {
      requireNonNull(modelsDir, "modelsDir is null");
      if (concurrency < 1 || threads < 1 || maxQueued < 0) {
        throw new IllegalArgumentException(
            "tabular training needs a concurrency and threads of at least 1 and a queue of at"
                + " least 0, got "
                + concurrency
                + ", "
                + threads
                + " and "
                + maxQueued);
      }
    }

    /** One training at a time on half the cores, 16 waiting, models under {@code modelsDir}. */
    public static Settings defaults(Path modelsDir) {
      return new Settings(1, 16, defaultThreads(), modelsDir);
    }

    /**
     * Half the cores, at least one: the other half keeps scoring. xgboost's OpenMP threads spin
     * while they wait for each other, so a training that competes for every core with busy pool
     * workers slows down many times over.
     */
    public static int defaultThreads() {
      return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
  }

  public TabularModelService(Settings settings) {
    this.queue = new TrainingQueue(settings.concurrency(), settings.maxQueued());
    this.trainer = new BoosterTrainer(settings.threads());
    this.files = new ModelFiles(settings.modelsDir());
  }

  /** The tabular models of {@code pluginId}, serving through {@code registry}. */
  public TabularModels forPlugin(String pluginId, ModelRegistry registry) {
    return new PluginTabularModels(pluginId, queue, trainer, files, registry);
  }

  /** Stops taking trainings. */
  @Override
  public void close() {
    queue.close();
  }
}
