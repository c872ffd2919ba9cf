package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import dev.atrium.db.Db;
import dev.atrium.inference.tabular.TabularModelService;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.ModelCatalog;
import dev.atrium.plugin.api.inference.ModelRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The host services every plugin's context is built on: the platform database, the vector indexes,
 * tenants' plugin choices, the inference pool and the usage sink. One per server (or per testing
 * context).
 */
public final class PluginServices implements AutoCloseable {
  private final Db db;
  private final InferenceClient inference;
  private final ModelCatalog models;
  private final Function<String, ModelRegistry> modelRegistries;
  private final UsageSink usage;
  private final long maxBlobBytes;
  private final ExecutorService io =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("atrium-plugin-io-", 0).factory());
  private final VectorIndexes indexes;
  private final TenantChoices choices;
  private final AuditEntries audit;
  private final TabularModelService tabular;
  private final Map<PluginRequest, RequestScope> byRequest =
      Collections.synchronizedMap(new IdentityHashMap<>());
  private final Map<Context, RequestScope> byContext = new ConcurrentHashMap<>();

  /**
   * {@code dataDir} holds the vector indexes (under {@code plugin-indexes/}) and the served tabular
   * models (under {@code tabular-models/}, trained one at a time); {@code modelRegistries} gives
   * each plugin (by id) its registry of models in the shared pool.
   */
  public PluginServices(
      Db db,
      Path dataDir,
      InferenceClient inference,
      ModelCatalog models,
      Function<String, ModelRegistry> modelRegistries,
      UsageSink usage,
      long maxBlobBytes) {
    this(
        db,
        dataDir,
        inference,
        models,
        modelRegistries,
        usage,
        maxBlobBytes,
        TabularModelService.Settings.defaults(dataDir.resolve("tabular-models")));
  }

  /** As above, with the tabular models' training and storage settings. */
  public PluginServices(
      Db db,
      Path dataDir,
      InferenceClient inference,
      ModelCatalog models,
      Function<String, ModelRegistry> modelRegistries,
      UsageSink usage,
      long maxBlobBytes,
      TabularModelService.Settings tabular) {
    this.db = requireNonNull(db, "db is null");
    this.inference = requireNonNull(inference, "inference is null");
    this.models = requireNonNull(models, "models is null");
    this.modelRegistries = requireNonNull(modelRegistries, "modelRegistries is null");
    this.usage = requireNonNull(usage, "usage is null");
    this.maxBlobBytes = maxBlobBytes;
    this.indexes = new VectorIndexes(dataDir.resolve("plugin-indexes"), io);
    this.choices = new TenantChoices(db);
    this.audit = new AuditEntries(db);
    this.tabular = new TabularModelService(tabular);
  }

  Db db() {
    return db;
  }

  /** The host's writes to the audit log. */
  AuditEntries audit() {
    return audit;
  }

  InferenceClient inference() {
    return inference;
  }

  ModelCatalog models() {
    return models;
  }

  ModelRegistry modelRegistry(String pluginId) {
    return modelRegistries.apply(pluginId);
  }

  UsageSink usage() {
    return usage;
  }

  long maxBlobBytes() {
    return maxBlobBytes;
  }

  VectorIndexes indexes() {
    return indexes;
  }

  TenantChoices choices() {
    return choices;
  }

  TabularModelService tabular() {
    return tabular;
  }

  /** Makes {@code scope} findable by its request and its context until the request is over. */
  void open(RequestScope scope) {
    byRequest.put(scope.request(), scope);
    byContext.put(scope.context(), scope);
    scope
        .request()
        .done()
        .onComplete(
            v -> {
              byRequest.remove(scope.request());
              byContext.remove(scope.context());
            });
  }

  /** The scope of {@code request} while it is being served. */
  Optional<RequestScope> scope(PluginRequest request) {
    return Optional.ofNullable(byRequest.get(request));
  }

  /** The scope of the request being served on the calling thread's Vert.x context, if any. */
  Optional<RequestScope> current() {
    Context context = Vertx.currentContext();
    return Optional.ofNullable(context == null ? null : byContext.get(context))
        .filter(RequestScope::isOpen);
  }

  @Override
  public void close() {
    indexes.close();
    io.shutdown();
    tabular.close();
  }
}
