package dev.atrium.plugin.testkit;

import static java.util.Objects.requireNonNull;

import dev.atrium.inference.InferencePool;
import dev.atrium.inference.catalog.BundledModels;
import dev.atrium.inference.catalog.CatalogConfig;
import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.GenerationRequest;
import dev.atrium.plugin.api.inference.GenerationResult;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.InferenceRequest;
import dev.atrium.plugin.api.inference.InferenceResult;
import dev.atrium.plugin.api.inference.ModelCatalog;
import dev.atrium.plugin.api.inference.ModelInfo;
import dev.atrium.plugin.api.inference.ModelRegistry;
import dev.atrium.plugin.api.inference.TokenListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The testkit's default inference. Embeddings come from {@link HashingEmbeddings} (no model is
 * loaded for them); generation runs on the server's own {@link InferencePool}, serving only the
 * bundled tiny model {@value #GENERATION_MODEL} (a 260K-parameter Llama that writes English
 * children's stories: it proves a plugin's generation path for real, token by token, but it is no
 * assistant). Models a plugin registers are served by that same pool, and an embedding request
 * naming one of them goes there too.
 *
 * <p>The pool starts (loading the tiny model, well under a second) on first use: the first
 * generation, registration or catalog listing. A test that only embeds never loads a model. {@link
 * #close()} unloads the models.
 */
public final class TestingInference implements InferenceClient, ModelCatalog, AutoCloseable {
  /** The generation model served, also the default for requests that name none. */
  public static final String GENERATION_MODEL = BundledModels.STORIES;

  /** Its context length per request, in tokens (prompt plus completion). */
  public static final int CONTEXT_LENGTH = 2048;

  private final HashingEmbeddings embeddings = new HashingEmbeddings();
  private InferencePool pool;
  private boolean closed;

  /** The pool, started on first use. */
  private synchronized InferencePool pool() {
    if (closed) {
      throw new IllegalStateException("the testkit's inference is closed");
    }
    if (pool == null) {
      pool = InferencePool.builder(catalog()).meterRegistry(new SimpleMeterRegistry()).build();
    }
    return pool;
  }

  /**
   * The catalog of the testkit's pool: the bundled tiny generation model only. Build a pool from it
   * ({@code InferencePool.builder(catalog())}) to share one between contexts.
   */
  public static CatalogConfig catalog() {
    return CatalogConfig.parse(
        new JsonObject()
            .put("bundled_models", false)
            .put("default_generation_model", GENERATION_MODEL)
            .put(
                "models",
                new JsonObject()
                    .put(
                        GENERATION_MODEL,
                        new JsonObject()
                            .put("task", "generation")
                            .put("engine", "llama.cpp")
                            .put("artifact", "classpath:atrium/models/stories260K.gguf")
                            .put("languages", new JsonArray().add("en"))
                            .put("context_length", CONTEXT_LENGTH))));
  }

  @Override
  public <R extends InferenceResult> Future<R> submit(
      InferenceRequest<R> request, Future<?> cancelWhen) {
    if (request instanceof EmbeddingRequest embedding && !servedByPool(embedding)) {
      return embeddings.submit(request, cancelWhen);
    }
    return pool().submit(request, cancelWhen);
  }

  @Override
  public Future<GenerationResult> stream(
      GenerationRequest request, TokenListener onToken, Future<?> cancelWhen) {
    return pool().stream(request, onToken, cancelWhen);
  }

  /** The hashing embedding model, then the pool's models (the tiny one and registered ones). */
  @Override
  public List<ModelInfo> models() {
    List<ModelInfo> models = new ArrayList<>(embeddings.models());
    models.addAll(pool().models());
    return List.copyOf(models);
  }

  /** Registers models for the plugin {@code pluginId} in the pool, as the host does. */
  public ModelRegistry registryFor(String pluginId) {
    requireNonNull(pluginId, "pluginId is null");
    return definition -> pool().registryFor(pluginId).register(definition);
  }

  /** Whether the request names a model of the pool (one a plugin registered). */
  private boolean servedByPool(EmbeddingRequest request) {
    return request
        .modelId()
        .filter(id -> !id.equals(HashingEmbeddings.MODEL_ID))
        .flatMap(id -> pool().model(id))
        .isPresent();
  }

  /** Unloads the models, if they were loaded. */
  @Override
  public synchronized void close() {
    closed = true;
    if (pool != null) {
      pool.close();
    }
  }
}
