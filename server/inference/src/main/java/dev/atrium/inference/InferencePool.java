package dev.atrium.inference;

import static java.util.Objects.requireNonNull;

import dev.atrium.inference.catalog.CatalogConfig;
import dev.atrium.inference.catalog.CatalogConfigException;
import dev.atrium.inference.catalog.ModelSpec;
import dev.atrium.inference.embedding.OnnxEmbeddingLoader;
import dev.atrium.inference.runner.ModelLoader;
import dev.atrium.plugin.api.inference.DeadlineExceededException;
import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.EmbeddingResult;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.InferenceException;
import dev.atrium.plugin.api.inference.InferenceRequest;
import dev.atrium.plugin.api.inference.InferenceResult;
import dev.atrium.plugin.api.inference.InvalidInputException;
import dev.atrium.plugin.api.inference.ModelCatalog;
import dev.atrium.plugin.api.inference.ModelInfo;
import dev.atrium.plugin.api.inference.ModelNotFoundException;
import dev.atrium.plugin.api.inference.PoolShutdownException;
import dev.atrium.plugin.api.inference.Task;
import dev.atrium.plugin.api.inference.TextLanguage;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared inference pool: one {@link ModelPool} per catalog model, each with hard admission,
 * per-tenant fair queues, dynamic batching and per-device workers. It is the {@link
 * InferenceClient} and {@link ModelCatalog} plugins and the HTTP layer use.
 *
 * <p>Building it loads and warms every model, which blocks for about a second per model: do it at
 * startup or in {@code executeBlocking}. {@link #close()} stops admitting, lets queued work finish
 * (up to {@code drain_timeout}) and frees the models.
 */
public final class InferencePool implements InferenceClient, ModelCatalog, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InferencePool.class);

  private final CatalogConfig config;
  private final Map<String, ModelPool<String, float[]>> embeddingPools;
  private volatile boolean closed;

  private InferencePool(CatalogConfig config, Map<String, ModelPool<String, float[]>> pools) {
    this.config = config;
    this.embeddingPools = pools;
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
      };
    } catch (InferenceException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<EmbeddingResult> submitEmbedding(EmbeddingRequest request, Future<?> cancelWhen) {
    if (closed) {
      throw new PoolShutdownException("the inference pool is shutting down");
    }
    if (request.tenantId().isBlank()) {
      throw new InvalidInputException("tenantId must not be blank");
    }
    if (request.inputs().isEmpty()) {
      throw new InvalidInputException("inputs must hold at least one text");
    }
    if (!Instant.now().isBefore(request.deadline())) {
      throw new DeadlineExceededException("deadline " + request.deadline() + " already passed");
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

  /** The named model, or the default model for the texts' language. */
  private ModelPool<String, float[]> embeddingPool(EmbeddingRequest request) {
    if (request.modelId().isPresent()) {
      String id = request.modelId().get();
      ModelPool<String, float[]> pool = embeddingPools.get(id);
      if (pool == null) {
        throw new ModelNotFoundException("no embedding model '" + id + "' is served");
      }
      return pool;
    }
    Map<String, String> defaults = config.defaultEmbeddingModels();
    String language = TextLanguage.of(request.inputs());
    String id = defaults.getOrDefault(language, defaults.get("en"));
    if (id == null) {
      id = embeddingPools.keySet().stream().findFirst().orElse(null);
    }
    if (id == null) {
      throw new ModelNotFoundException("no embedding model is served");
    }
    return embeddingPools.get(id);
  }

  @Override
  public List<ModelInfo> models() {
    return embeddingPools.values().stream().map(ModelPool::info).toList();
  }

  /** What every model pool is doing now, for the operator view. */
  public List<PoolSnapshot> snapshot() {
    return embeddingPools.values().stream().map(ModelPool::snapshot).toList();
  }

  /**
   * Stops admitting everywhere, waits up to {@code drain_timeout} for admitted work, fails what is
   * left with {@link PoolShutdownException} and closes every model.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    embeddingPools.values().forEach(ModelPool::beginClose);
    Instant until = Instant.now().plus(config.drainTimeout());
    try {
      for (ModelPool<String, float[]> pool : embeddingPools.values()) {
        pool.finishClose(until);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("interrupted while draining the inference pool");
    }
  }

  /** Builds an {@link InferencePool}; tests use it to plug in a fake engine. */
  public static final class Builder {

    private final CatalogConfig config;
    private final Map<String, ModelLoader<String, float[]>> embeddingEngines = new TreeMap<>();
    private MeterRegistry registry;
    private TenantWeights weights = TenantWeights.EQUAL;
    private int cores = Runtime.getRuntime().availableProcessors();

    private Builder(CatalogConfig config) {
      this.config = requireNonNull(config, "config is null");
      embeddingEngines.put(OnnxEmbeddingLoader.ENGINE, new OnnxEmbeddingLoader());
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

    /** The core count used to split threads among workers (default: this machine's). */
    public Builder cores(int cores) {
      if (cores < 1) {
        throw new IllegalArgumentException("cores must be at least 1");
      }
      this.cores = cores;
      return this;
    }

    /** Loads and warms every model; on any failure closes what was started and throws. */
    public InferencePool build() {
      requireNonNull(registry, "meterRegistry was not set");
      Map<String, ModelPool<String, float[]>> pools = new LinkedHashMap<>();
      try {
        for (ModelSpec spec : config.models()) {
          if (spec.task() != Task.EMBEDDING) {
            throw new CatalogConfigException(
                "model '" + spec.id() + "': task " + spec.task() + " is not served yet");
          }
          ModelLoader<String, float[]> loader = embeddingEngines.get(spec.engine());
          if (loader == null) {
            throw new CatalogConfigException(
                "model '"
                    + spec.id()
                    + "': unknown engine '"
                    + spec.engine()
                    + "'; known engines are "
                    + embeddingEngines.keySet());
          }
          try {
            pools.put(spec.id(), ModelPool.start(spec, loader, weights, registry, cores));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                "interrupted while loading model '" + spec.id() + "'", e);
          } catch (Exception e) {
            throw new IllegalStateException("model '" + spec.id() + "' failed to load: " + e, e);
          }
        }
      } catch (RuntimeException e) {
        new InferencePool(config, pools).close();
        throw e;
      }
      return new InferencePool(config, Collections.unmodifiableMap(pools));
    }
  }
}
