package dev.atrium.inference;

import static java.util.Objects.requireNonNull;

import dev.atrium.inference.catalog.CatalogConfig;
import dev.atrium.inference.catalog.CatalogConfigException;
import dev.atrium.inference.catalog.ModelSpec;
import dev.atrium.inference.embedding.OnnxEmbeddingLoader;
import dev.atrium.inference.generation.GenerationInput;
import dev.atrium.inference.generation.GenerationInput.TokenSink;
import dev.atrium.inference.generation.GenerationOutput;
import dev.atrium.inference.generation.LlamaLoader;
import dev.atrium.inference.generation.StopSignal;
import dev.atrium.inference.runner.ModelLoader;
import dev.atrium.inference.tabular.TabularRow;
import dev.atrium.inference.tabular.TabularScore;
import dev.atrium.inference.tabular.XgboostLoader;
import dev.atrium.plugin.api.inference.DeadlineExceededException;
import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.EmbeddingResult;
import dev.atrium.plugin.api.inference.GenerationRequest;
import dev.atrium.plugin.api.inference.GenerationResult;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.InferenceException;
import dev.atrium.plugin.api.inference.InferenceRequest;
import dev.atrium.plugin.api.inference.InferenceResult;
import dev.atrium.plugin.api.inference.InvalidInputException;
import dev.atrium.plugin.api.inference.ModelCatalog;
import dev.atrium.plugin.api.inference.ModelInfo;
import dev.atrium.plugin.api.inference.ModelNotFoundException;
import dev.atrium.plugin.api.inference.PoolShutdownException;
import dev.atrium.plugin.api.inference.TabularRequest;
import dev.atrium.plugin.api.inference.TabularResult;
import dev.atrium.plugin.api.inference.Task;
import dev.atrium.plugin.api.inference.TextLanguage;
import dev.atrium.plugin.api.inference.TokenListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared inference pool: a registry of {@link ModelPool}s, one per model, whatever its task
 * (embedding, generation or tabular scoring), each with hard admission, per-tenant fair queues,
 * deadlines, cancellation, express workers, metrics and per-device workers. Models come from the
 * operator's catalog and from plugins at run time ({@link ModelRegistrations}). It is the {@link
 * InferenceClient} and {@link ModelCatalog} plugins and the HTTP layer use.
 *
 * <p>Building it loads and warms every catalog model, which blocks for about a second per model: do
 * it at startup or in {@code executeBlocking}. {@link #close()} stops admitting, lets queued work
 * finish (up to {@code drain_timeout}) and frees the models.
 */
public final class InferencePool implements InferenceClient, ModelCatalog, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InferencePool.class);

  private final CatalogConfig config;
  private final Engines engines;
  private final Map<String, ServedModel> served = new LinkedHashMap<>();
  private final ModelRegistrations registrations;
  private volatile boolean closed;

  private InferencePool(CatalogConfig config, Engines engines) {
    this.config = config;
    this.engines = engines;
    this.registrations = new ModelRegistrations(this, engines.cores());
  }

  /** The pool for the {@code inference} config section, every tenant weighing the same. */
  public static InferencePool create(JsonObject section, MeterRegistry registry) {
    return create(section, registry, TenantWeights.EQUAL);
  }

  /** The pool for the {@code inference} config section, with tenant weights from their plans. */
  public static InferencePool create(
      JsonObject section, MeterRegistry registry, TenantWeights weights) {
    return builder(CatalogConfig.parse(section))
        .meterRegistry(registry)
        .tenantWeights(weights)
        .build();
  }

  public static Builder builder(CatalogConfig config) {
    return new Builder(config);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R extends InferenceResult> Future<R> submit(
      InferenceRequest<R> request, Future<?> cancelWhen) {
    requireNonNull(request, "request is null");
    requireNonNull(cancelWhen, "cancelWhen is null");
    try {
      return switch (request) {
        case EmbeddingRequest embedding -> (Future<R>) submitEmbedding(embedding, cancelWhen);
        case GenerationRequest generation ->
            (Future<R>) submitGeneration(generation, TokenSink.NONE, cancelWhen);
        case TabularRequest tabular -> (Future<R>) submitTabular(tabular, cancelWhen);
      };
    } catch (InferenceException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<GenerationResult> stream(
      GenerationRequest request, TokenListener onToken, Future<?> cancelWhen) {
    requireNonNull(request, "request is null");
    requireNonNull(onToken, "onToken is null");
    requireNonNull(cancelWhen, "cancelWhen is null");
    Context context = Vertx.currentContext();
    TokenSink sink =
        context == null
            ? onToken::onToken
            : (text, index) -> context.runOnContext(ignored -> onToken.onToken(text, index));
    try {
      return submitGeneration(request, sink, cancelWhen);
    } catch (InferenceException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<EmbeddingResult> submitEmbedding(EmbeddingRequest request, Future<?> cancelWhen) {
    checkAdmissible(request);
    if (request.inputs().isEmpty()) {
      throw new InvalidInputException("inputs must hold at least one text");
    }
    ModelPool<String, float[]> pool = embeddingPool(request);
    String modelId = pool.spec().id();
    Promise<EmbeddingResult> promise = Promise.promise();
    ContextListener<float[], EmbeddingResult> listener =
        new ContextListener<>(
            Vertx.currentContext(),
            promise,
            (vectors, usage) -> new EmbeddingResult(modelId, vectors, usage));
    Job<String, float[]> job =
        pool.submit(
            request.tenantId(), request.inputs(), request.priority(), request.deadline(), listener);
    cancelWhen.onComplete(ignored -> job.cancel());
    return promise.future();
  }

  private Future<TabularResult> submitTabular(TabularRequest request, Future<?> cancelWhen) {
    checkAdmissible(request);
    ModelPool<TabularRow, TabularScore> pool =
        pool(request.modelId().orElseThrow(), Task.TABULAR_SCORING);
    String modelId = pool.spec().id();
    List<TabularRow> rows =
        request.rows().stream().map(row -> new TabularRow(row, request.explain())).toList();
    Promise<TabularResult> promise = Promise.promise();
    ContextListener<TabularScore, TabularResult> listener =
        new ContextListener<>(
            Vertx.currentContext(),
            promise,
            (scores, usage) ->
                new TabularResult(
                    modelId,
                    scores.stream().mapToDouble(TabularScore::probability).toArray(),
                    request.explain()
                        ? scores.stream().map(TabularScore::contributions).toList()
                        : List.of(),
                    usage));
    Job<TabularRow, TabularScore> job =
        pool.submit(request.tenantId(), rows, request.priority(), request.deadline(), listener);
    cancelWhen.onComplete(ignored -> job.cancel());
    return promise.future();
  }

  private Future<GenerationResult> submitGeneration(
      GenerationRequest request, TokenSink sink, Future<?> cancelWhen) {
    checkAdmissible(request);
    ModelPool<GenerationInput, GenerationOutput> pool = generationPool(request);
    String modelId = pool.spec().id();
    StopSignal stop = new StopSignal(request.deadline());
    GenerationInput input = GenerationInput.of(request.prompt(), request.sampling(), sink, stop);
    Promise<GenerationResult> promise = Promise.promise();
    ContextListener<GenerationOutput, GenerationResult> listener =
        new ContextListener<>(
            Vertx.currentContext(),
            promise,
            (outputs, usage) -> {
              GenerationOutput output = outputs.get(0);
              return new GenerationResult(
                  modelId,
                  output.text(),
                  output.finishReason(),
                  output.promptTokens(),
                  output.completionTokens(),
                  usage);
            });
    Job<GenerationInput, GenerationOutput> job =
        pool.submit(
            request.tenantId(), List.of(input), request.priority(), request.deadline(), listener);
    cancelWhen.onComplete(
        ignored -> {
          job.cancel();
          stop.cancel();
        });
    return promise.future();
  }

  private void checkAdmissible(InferenceRequest<?> request) {
    if (closed) {
      throw new PoolShutdownException("the inference pool is shutting down");
    }
    if (request.tenantId().isBlank()) {
      throw new InvalidInputException("tenantId must not be blank");
    }
    if (!Instant.now().isBefore(request.deadline())) {
      throw new DeadlineExceededException("deadline " + request.deadline() + " already passed");
    }
  }

  /** The named model, or the default model for the texts' language. */
  private ModelPool<String, float[]> embeddingPool(EmbeddingRequest request) {
    if (request.modelId().isPresent()) {
      return pool(request.modelId().get(), Task.EMBEDDING);
    }
    Map<String, String> defaults = config.defaultEmbeddingModels();
    String id = defaults.getOrDefault(TextLanguage.of(request.inputs()), defaults.get("en"));
    return pool(id == null ? firstServed(Task.EMBEDDING) : id, Task.EMBEDDING);
  }

  /** The named model, or the catalog's default generation model. */
  private ModelPool<GenerationInput, GenerationOutput> generationPool(GenerationRequest request) {
    String id =
        request
            .modelId()
            .or(config::defaultGenerationModel)
            .orElseGet(() -> firstServed(Task.GENERATION));
    return pool(id, Task.GENERATION);
  }

  @SuppressWarnings("unchecked")
  private synchronized <I, O> ModelPool<I, O> pool(String id, Task task) {
    String kind = task.name().toLowerCase(java.util.Locale.ROOT);
    if (id == null) {
      throw new ModelNotFoundException("no " + kind + " model is served");
    }
    ServedModel model = served.get(id);
    if (model == null || model.spec().task() != task) {
      throw new ModelNotFoundException("no " + kind + " model '" + id + "' is served");
    }
    return (ModelPool<I, O>) model.pool();
  }

  private synchronized String firstServed(Task task) {
    return served.values().stream()
        .filter(m -> m.spec().task() == task)
        .map(m -> m.spec().id())
        .findFirst()
        .orElse(null);
  }

  @Override
  public synchronized List<ModelInfo> models() {
    return served.values().stream().map(ServedModel::info).toList();
  }

  /** What every model pool is doing now, for the operator view. */
  public synchronized List<PoolSnapshot> snapshot() {
    return served.values().stream().map(ServedModel::snapshot).toList();
  }

  /** Registers models for {@code owner} (a plugin id); see {@link ModelRegistrations}. */
  public dev.atrium.plugin.api.inference.ModelRegistry registryFor(String owner) {
    return definition -> registrations.register(owner, definition);
  }

  /** The model registered as {@code id} if it is the same model as {@code spec}, plus a hold. */
  synchronized ServedModel holdIfServed(ModelSpec spec, String owner) {
    if (closed) {
      throw new PoolShutdownException("the inference pool is shutting down");
    }
    ServedModel existing = served.get(spec.id());
    if (existing == null) {
      return null;
    }
    if (!existing.sameModel(spec)) {
      throw new InvalidInputException(
          "model id '" + spec.id() + "' is taken by another model (" + existing.owner() + ")");
    }
    existing.hold(owner);
    return existing;
  }

  /** Loads and starts {@code spec}'s pool; blocks while the model loads. */
  ModelPool<?, ?> start(ModelSpec spec) throws Exception {
    return ModelPool.start(
        spec, engines.loader(spec), engines.weights(), engines.registry(), engines.cores());
  }

  /** Serves a freshly started pool, or refuses it (and closes it) when the pool has closed. */
  synchronized ServedModel serve(ModelPool<?, ?> pool, String owner) {
    if (closed) {
      pool.beginClose();
      throw new PoolShutdownException("the inference pool is shutting down");
    }
    ServedModel model = new ServedModel(pool, owner);
    served.put(pool.spec().id(), model);
    return model;
  }

  /** Gives back {@code owner}'s hold; the pool to unload when it was the last one, else null. */
  synchronized ModelPool<?, ?> release(ServedModel model, String owner) {
    if (model.release(owner) && served.get(model.spec().id()) == model) {
      served.remove(model.spec().id());
      return model.pool();
    }
    return null;
  }

  Instant drainDeadline() {
    return Instant.now().plus(config.drainTimeout());
  }

  /**
   * Stops admitting everywhere, waits up to {@code drain_timeout} for admitted work, fails what is
   * left with {@link PoolShutdownException} and closes every model.
   */
  @Override
  public void close() {
    List<ModelPool<?, ?>> pools;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      pools =
          new ArrayList<>(
              served.values().stream().<ModelPool<?, ?>>map(ServedModel::pool).toList());
    }
    registrations.close();
    pools.forEach(ModelPool::beginClose);
    Instant until = drainDeadline();
    try {
      for (ModelPool<?, ?> pool : pools) {
        pool.finishClose(until);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("interrupted while draining the inference pool");
    }
  }

  /** The engines that load each task's models, and what every pool is started with. */
  record Engines(
      Map<String, ModelLoader<String, float[]>> embedding,
      Map<String, ModelLoader<GenerationInput, GenerationOutput>> generation,
      Map<String, ModelLoader<TabularRow, TabularScore>> tabular,
      TenantWeights weights,
      MeterRegistry registry,
      int cores) {

    ModelLoader<?, ?> loader(ModelSpec spec) {
      Map<String, ? extends ModelLoader<?, ?>> byName =
          switch (spec.task()) {
            case GENERATION -> generation;
            case TABULAR_SCORING -> tabular;
            default -> embedding;
          };
      ModelLoader<?, ?> loader = byName.get(spec.engine());
      if (loader == null) {
        throw new CatalogConfigException(
            "model '"
                + spec.id()
                + "': unknown engine '"
                + spec.engine()
                + "' for "
                + spec.task().name().toLowerCase(java.util.Locale.ROOT)
                + "; known engines are "
                + byName.keySet());
      }
      return loader;
    }
  }

  /** Builds an {@link InferencePool}; tests use it to plug in a fake engine. */
  public static final class Builder {

    private final CatalogConfig config;
    private final Map<String, ModelLoader<String, float[]>> embeddingEngines = new TreeMap<>();
    private final Map<String, ModelLoader<GenerationInput, GenerationOutput>> generationEngines =
        new TreeMap<>();
    private final Map<String, ModelLoader<TabularRow, TabularScore>> tabularEngines =
        new TreeMap<>();
    private MeterRegistry registry;
    private TenantWeights weights = TenantWeights.EQUAL;
    private int cores = Runtime.getRuntime().availableProcessors();

    private Builder(CatalogConfig config) {
      this.config = requireNonNull(config, "config is null");
      embeddingEngines.put(OnnxEmbeddingLoader.ENGINE, new OnnxEmbeddingLoader());
      generationEngines.put(LlamaLoader.ENGINE, new LlamaLoader());
      tabularEngines.put(XgboostLoader.ENGINE, new XgboostLoader());
    }

    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = requireNonNull(registry, "registry is null");
      return this;
    }

    public Builder tenantWeights(TenantWeights weights) {
      this.weights = requireNonNull(weights, "weights is null");
      return this;
    }

    /**
     * Registers (or replaces) the engine that loads embedding models whose engine is {@code name}.
     */
    public Builder embeddingEngine(String name, ModelLoader<String, float[]> loader) {
      embeddingEngines.put(
          requireNonNull(name, "name is null"), requireNonNull(loader, "loader is null"));
      return this;
    }

    /**
     * Registers (or replaces) the engine that loads generation models whose engine is {@code name}.
     */
    public Builder generationEngine(
        String name, ModelLoader<GenerationInput, GenerationOutput> loader) {
      generationEngines.put(
          requireNonNull(name, "name is null"), requireNonNull(loader, "loader is null"));
      return this;
    }

    /** The core count used to split threads among workers (default: this machine's). */
    public Builder cores(int cores) {
      if (cores < 1) {
        throw new IllegalArgumentException("cores must be at least 1");
      }
      this.cores = cores;
      return this;
    }

    /** Loads and warms every catalog model; on any failure closes what was started and throws. */
    public InferencePool build() {
      requireNonNull(registry, "meterRegistry was not set");
      InferencePool pool =
          new InferencePool(
              config,
              new Engines(
                  Map.copyOf(embeddingEngines),
                  Map.copyOf(generationEngines),
                  Map.copyOf(tabularEngines),
                  weights,
                  registry,
                  cores));
      try {
        for (ModelSpec spec : config.models()) {
          pool.serve(load(pool, spec), ModelInfo.CATALOG_OWNER);
        }
      } catch (RuntimeException e) {
        pool.close();
        throw e;
      }
      return pool;
    }

    private static ModelPool<?, ?> load(InferencePool pool, ModelSpec spec) {
      try {
        return pool.start(spec);
      } catch (CatalogConfigException e) {
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while loading model '" + spec.id() + "'", e);
      } catch (Exception e) {
        throw new IllegalStateException("model '" + spec.id() + "' failed to load: " + e, e);
      }
    }
  }
}
