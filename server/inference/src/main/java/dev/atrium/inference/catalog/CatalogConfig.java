package dev.atrium.inference.catalog;

import static java.util.Objects.requireNonNull;

import dev.atrium.inference.embedding.Pooling;
import dev.atrium.inference.tabular.XgboostLoader;
import dev.atrium.plugin.api.inference.Task;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The inference section of the server configuration: which models to serve and how.
 *
 * <pre>{@code
 * {
 *   "bundled_models": true,             // serve all-minilm-l6-v2, bge-small-zh-v15 and stories260k
 *   "drain_timeout": 30,                // seconds close() waits for queued work
 *   "default_embedding_models": {"en": "all-minilm-l6-v2", "zh": "bge-small-zh-v15"},
 *   "default_generation_model": "stories260k",
 *   "defaults": {"batch_size": 32, ...},  // pool keys applied to every embedding model
 *   "models": {
 *     "all-minilm-l6-v2": {"max_workers": 2},   // overrides keys of a bundled model
 *     "my-model": {"task": "embedding", "artifact": "file:/models/my-model", "languages": ["en"],
 *                  "dimensions": 768, "pooling": "mean", "max_tokens": 512},
 *     "qwen2.5-7b": {"task": "generation", "engine": "llama.cpp",
 *                    "artifact": "file:/models/qwen2.5-7b-instruct-q4_k_m.gguf",
 *                    "devices": ["gpu0"], "gpu_layers": -1, "context_length": 8192,
 *                    "max_workers": 8, "express_workers": 1, "license": "Apache-2.0"}
 *   }
 * }
 * }</pre>
 *
 * <p>Model keys: {@code task} (embedding|generation|tabular_scoring), {@code engine} (OnnxRuntime
 * for embeddings, llama.cpp for generation, xgboost for tabular scoring), {@code artifact}, {@code
 * languages}, {@code devices} (auto), {@code intra_op_threads} (0: cores / max_workers, or every
 * core for generation), {@code license}, for embeddings {@code dimensions}, {@code pooling}
 * (mean|cls), {@code max_tokens} (512), for generation {@code context_length} (2048), {@code
 * gpu_layers} (-1: all, on a GPU device), {@code chat_template} (the model file's), and the pool
 * keys {@code batch_size} (8), {@code max_batch_delay} (ms, 0), {@code job_queue_size} (1000),
 * {@code min_workers} (1), {@code max_workers} (cores), {@code express_workers} (1), {@code
 * max_idle_time} (s, 60). A generation model's workers are llama.cpp slots: batch size 1, {@code
 * min_workers} = {@code max_workers} = {@value #GENERATION_SLOTS} regular slots by default, plus
 * its express slots; the {@code defaults} section does not apply to it. A {@code tabular_scoring}
 * model (engine {@code xgboost}, an artifact file saved by xgboost, usually registered by a plugin)
 * batches rows: {@code batch_size} {@value #TABULAR_BATCH_SIZE} rows by default; the {@code
 * defaults} section does not apply to it either.
 *
 * @param models the served models, bundled ones first
 * @param defaultEmbeddingModels model id per language tag, for requests that name no model
 * @param defaultGenerationModel the generation model for requests that name none
 * @param drainTimeout how long closing waits for admitted work to finish
 */
public record CatalogConfig(
    List<ModelSpec> models,
    Map<String, String> defaultEmbeddingModels,
    Optional<String> defaultGenerationModel,
    Duration drainTimeout) {

  /** Rows per model call of a tabular model unless configured. */
  public static final int TABULAR_BATCH_SIZE = 512;

  /** Regular slots of a generation model unless configured (from ./atrium bench generation). */
  public static final int GENERATION_SLOTS = 2;

  private static final Set<String> TOP_KEYS =
      Set.of(
          "bundled_models",
          "drain_timeout",
          "default_embedding_models",
          "default_generation_model",
          "defaults",
          "models");
  private static final Set<String> POOL_KEYS =
      Set.of(
          "batch_size",
          "max_batch_delay",
          "job_queue_size",
          "express_workers",
          "min_workers",
          "max_workers",
          "max_idle_time");
  private static final Set<String> MODEL_KEYS =
      Set.of(
          "task",
          "engine",
          "artifact",
          "languages",
          "devices",
          "intra_op_threads",
          "license",
          "dimensions",
          "pooling",
          "max_tokens",
          "context_length",
          "gpu_layers",
          "chat_template");

  public CatalogConfig {
    models = List.copyOf(requireNonNull(models, "models is null"));
    defaultEmbeddingModels =
        Map.copyOf(requireNonNull(defaultEmbeddingModels, "defaultEmbeddingModels is null"));
    requireNonNull(defaultGenerationModel, "defaultGenerationModel is null");
    requireNonNull(drainTimeout, "drainTimeout is null");
    if (defaultGenerationModel.isPresent()) {
      String id = defaultGenerationModel.get();
      if (models.stream().noneMatch(m -> m.id().equals(id) && m.task() == Task.GENERATION)) {
        throw new CatalogConfigException(
            "default_generation_model: '" + id + "' is not a served generation model");
      }
    }
    for (var entry : defaultEmbeddingModels.entrySet()) {
      boolean served =
          models.stream()
              .anyMatch(m -> m.id().equals(entry.getValue()) && m.task() == Task.EMBEDDING);
      if (!served) {
        throw new CatalogConfigException(
            "default_embedding_models."
                + entry.getKey()
                + ": '"
                + entry.getValue()
                + "' is not a served embedding model");
      }
    }
  }

  /** Reads the section with the machine's core count deciding the worker defaults. */
  public static CatalogConfig parse(JsonObject section) {
    return parse(section, Runtime.getRuntime().availableProcessors());
  }

  /** Reads the section as if the machine had {@code cores} cores. */
  public static CatalogConfig parse(JsonObject section, int cores) {
    ConfigReader top = new ConfigReader(requireNonNull(section, "section is null"), "inference");
    top.rejectUnknownKeys(TOP_KEYS);
    boolean bundled = top.bool("bundled_models", true);

    ConfigReader defaults = top.child("defaults");
    defaults.rejectUnknownKeys(POOL_KEYS);
    PoolSettings fallback = parsePool(defaults, builtInPool(cores));
    PoolSettings generationFallback = builtInGenerationPool();
    PoolSettings tabularFallback = builtInTabularPool(cores);

    Map<String, JsonObject> entries = new LinkedHashMap<>();
    if (bundled) {
      BundledModels.entries().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> entries.put(e.getKey(), e.getValue().copy()));
    }
    JsonObject configured = top.object("models");
    for (String id : configured.fieldNames()) {
      Object value = configured.getValue(id);
      if (!(value instanceof JsonObject model)) {
        throw top.error("models." + id + " must be an object");
      }
      entries.merge(id, model.copy(), JsonObject::mergeIn);
    }

    List<ModelSpec> models = new ArrayList<>();
    entries.forEach(
        (id, json) ->
            models.add(
                parseModel(
                    id,
                    new ConfigReader(json, "inference.models." + id),
                    fallback,
                    generationFallback,
                    tabularFallback)));

    Map<String, String> languageDefaults = new LinkedHashMap<>();
    if (bundled) {
      languageDefaults.putAll(BundledModels.defaultsByLanguage());
    }
    top.object("default_embedding_models")
        .forEach(e -> languageDefaults.put(e.getKey(), String.valueOf(e.getValue())));

    String generationDefault =
        top.string(
            "default_generation_model",
            models.stream()
                .filter(m -> m.task() == Task.GENERATION)
                .map(ModelSpec::id)
                .findFirst()
                .orElse(null));

    Duration drain = top.duration("drain_timeout", Duration.ofSeconds(30), 1000);
    return new CatalogConfig(
        models, languageDefaults, Optional.ofNullable(generationDefault), drain);
  }

  /**
   * Reads one model entry outside the operator's configuration (a plugin's registration), with the
   * built-in defaults.
   */
  public static ModelSpec parseModel(String id, JsonObject entry, int cores) {
    return parseModel(
        id,
        new ConfigReader(entry, "model " + id),
        builtInPool(cores),
        builtInGenerationPool(),
        builtInTabularPool(cores));
  }

  private static PoolSettings builtInPool(int cores) {
    return new PoolSettings(
        8, Duration.ZERO, 1000, 1, Math.max(1, cores), 1, Duration.ofSeconds(60));
  }

  /**
   * Rows are cheap to score and cheaper in bulk (one call for 10,000 rows costs about what 30
   * single-row calls do): big batches, formed from whatever waits when a worker frees up.
   */
  private static PoolSettings builtInTabularPool(int cores) {
    return new PoolSettings(
        TABULAR_BATCH_SIZE, Duration.ZERO, 1000, 1, Math.max(1, cores), 1, Duration.ofSeconds(60));
  }

  private static String defaultEngine(Task task) {
    return switch (task) {
      case GENERATION -> "llama.cpp";
      case TABULAR_SCORING -> XgboostLoader.ENGINE;
      default -> "OnnxRuntime";
    };
  }

  private static PoolSettings builtInGenerationPool() {
    return new PoolSettings(
        1, Duration.ZERO, 1000, GENERATION_SLOTS, GENERATION_SLOTS, 1, Duration.ofSeconds(60));
  }

  private static PoolSettings parsePool(ConfigReader reader, PoolSettings fallback) {
    try {
      return new PoolSettings(
          reader.integer("batch_size", fallback.batchSize()),
          reader.duration("max_batch_delay", fallback.maxBatchDelay(), 1),
          reader.integer("job_queue_size", fallback.jobQueueSize()),
          reader.integer("min_workers", fallback.minWorkers()),
          reader.integer("max_workers", fallback.maxWorkers()),
          reader.integer("express_workers", fallback.expressWorkers()),
          reader.duration("max_idle_time", fallback.maxIdleTime(), 1000));
    } catch (CatalogConfigException e) {
      throw reader.error(e.getMessage());
    }
  }

  private static ModelSpec parseModel(
      String id,
      ConfigReader reader,
      PoolSettings fallback,
      PoolSettings generationFallback,
      PoolSettings tabularFallback) {
    Set<String> known = new HashSet<>(MODEL_KEYS);
    known.addAll(POOL_KEYS);
    reader.rejectUnknownKeys(known);
    Task task = parseEnum(reader, "task", Task.class, Task.EMBEDDING);
    if (task == Task.CLASSIFICATION) {
      throw reader.error("task " + task.name().toLowerCase(Locale.ROOT) + " is not served yet");
    }
    String artifact = reader.string("artifact", null);
    if (artifact == null) {
      throw reader.error("artifact is required (classpath:<name> or file:<dir>/<name>)");
    }
    Optional<EmbeddingSpec> embedding = Optional.empty();
    if (task == Task.EMBEDDING) {
      int dimensions = reader.integer("dimensions", 0);
      if (dimensions == 0) {
        throw reader.error("dimensions is required for an embedding model");
      }
      try {
        embedding =
            Optional.of(
                new EmbeddingSpec(
                    dimensions,
                    parseEnum(reader, "pooling", Pooling.class, Pooling.MEAN),
                    reader.integer("max_tokens", 512)));
      } catch (CatalogConfigException e) {
        throw reader.error(e.getMessage());
      }
    }
    Optional<GenerationSpec> generation = Optional.empty();
    if (task == Task.GENERATION) {
      try {
        generation =
            Optional.of(
                new GenerationSpec(
                    reader.integer("context_length", 2048),
                    reader.integer("gpu_layers", -1),
                    Optional.ofNullable(reader.string("chat_template", null))));
      } catch (CatalogConfigException e) {
        throw reader.error(e.getMessage());
      }
    }
    try {
      return new ModelSpec(
          id,
          task,
          reader.string("engine", defaultEngine(task)),
          artifact,
          reader.strings("languages", List.of()),
          reader.strings("devices", List.of("auto")),
          reader.integer("intra_op_threads", 0),
          parsePool(
              reader,
              switch (task) {
                case GENERATION -> generationFallback;
                case TABULAR_SCORING -> tabularFallback;
                default -> fallback;
              }),
          reader.string("license", ""),
          embedding,
          generation);
    } catch (CatalogConfigException e) {
      throw e.getMessage().startsWith("inference.") ? e : reader.error(e.getMessage());
    }
  }

  private static <E extends Enum<E>> E parseEnum(
      ConfigReader reader, String key, Class<E> type, E fallback) {
    String value = reader.string(key, null);
    if (value == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw reader.error(
          key
              + " must be one of "
              + Arrays.stream(type.getEnumConstants())
                  .map(c -> c.name().toLowerCase(Locale.ROOT))
                  .toList()
              + ", got '"
              + value
              + "'");
    }
  }
}
