package dev.atrium.plugin.testkit;

import static java.util.Objects.requireNonNull;

import dev.atrium.inference.InferencePool;
import dev.atrium.inference.tabular.TabularModelService;
import dev.atrium.knowledge.KnowledgeLimits;
import dev.atrium.knowledge.StoredKnowledgeBase;
import dev.atrium.plugin.api.BlobStore;
import dev.atrium.plugin.api.DocumentStore;
import dev.atrium.plugin.api.JobScheduler;
import dev.atrium.plugin.api.KnowledgeBase;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.SdkVersion;
import dev.atrium.plugin.api.TenantServices;
import dev.atrium.plugin.api.VectorIndex;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.ModelCatalog;
import dev.atrium.plugin.api.inference.ModelRegistry;
import dev.atrium.plugin.api.safety.TextSafety;
import dev.atrium.plugin.api.tabular.TabularModels;
import dev.atrium.plugin.runtime.HeldModels;
import dev.atrium.plugin.runtime.LuceneVectorIndex;
import dev.atrium.plugin.runtime.PluginJobs;
import dev.atrium.plugin.runtime.SettingsSchema;
import dev.atrium.plugin.runtime.StorageRules;
import dev.atrium.plugin.runtime.safety.HostTextSafety;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PluginContext} for tests, on real in-memory services with the host's rules: documents
 * and blobs in memory, a Lucene HNSW index per tenant and collection (in memory, the host's own
 * index code), the host's job scheduler, settings validated against the plugin's schema, a usage
 * meter that records what was metered, and knowledge bases on the SDK's shared implementation.
 * Inference defaults to {@link TestingInference}: {@link HashingEmbeddings} for embeddings and the
 * real pool with the bundled tiny model for generation, streaming and {@link #modelRegistry()};
 * {@link #textSafety()} is the host's implementation, and {@link #tabularModels()} trains with the
 * host's real xgboost code and serves in that pool. Pass a pool of your own (e.g. {@code
 * InferencePool.create(...)} with the bundled embedding models) to test with real embeddings, or
 * any {@link InferenceClient} and its {@link ModelCatalog}.
 *
 * <p>Tenant ids are UUIDs, as on the server. Close the context when done (try-with-resources).
 */
public final class TestingPluginContext implements PluginContext, AutoCloseable {
  /** The host's default {@code plugins.max-blob-bytes}. */
  public static final long MAX_BLOB_BYTES = 16L * 1024 * 1024;

  private final String pluginId;
  private final String version;
  private final InferenceClient inference;
  private final ModelCatalog models;
  private final Optional<HeldModels> registry;
  private final Optional<TestingInference> owned;
  private final Logger logger;
  private final RecordingUsageMeter usage = new RecordingUsageMeter();
  private final ExecutorService io =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("testkit-io-", 0).factory());
  private final PluginJobs jobs;
  private final TextSafety textSafety = new HostTextSafety();
  private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
  private final Map<String, JsonObject> settings = new ConcurrentHashMap<>();
  private volatile SettingsSchema settingsSchema;
  private TabularModelService tabular;
  private Path tabularDir;

  /**
   * A context on {@link TestingInference}: hashing embeddings, the bundled tiny generation model,
   * and model registration in its pool. Closing the context unloads the models.
   */
  public TestingPluginContext(String pluginId) {
    this(pluginId, "1.0.0", new TestingInference());
  }

  private TestingPluginContext(String pluginId, String version, TestingInference inference) {
    this(
        pluginId,
        version,
        inference,
        inference,
        Optional.of(inference.registryFor(pluginId)),
        Optional.of(inference));
  }

  /**
   * A context whose inference, model catalog and model registry are {@code pool}, e.g. one built
   * with {@code InferencePool.create} to test with the real embedding models. The caller closes the
   * pool; closing the context gives back the models the plugin registered.
   */
  public TestingPluginContext(String pluginId, String version, InferencePool pool) {
    this(
        pluginId,
        version,
        pool,
        pool,
        Optional.of(pool.registryFor(requireNonNull(pluginId, "pluginId is null"))),
        Optional.empty());
  }

  /**
   * A context whose inference goes to {@code inference}; {@link #modelRegistry()} refuses every
   * registration, as a host that cannot load models does.
   */
  public TestingPluginContext(
      String pluginId, String version, InferenceClient inference, ModelCatalog models) {
    this(pluginId, version, inference, models, Optional.empty(), Optional.empty());
  }

  private TestingPluginContext(
      String pluginId,
      String version,
      InferenceClient inference,
      ModelCatalog models,
      Optional<ModelRegistry> registry,
      Optional<TestingInference> owned) {
    this.pluginId = requireNonNull(pluginId, "pluginId is null");
    this.version = requireNonNull(version, "version is null");
    this.inference = requireNonNull(inference, "inference is null");
    this.models = requireNonNull(models, "models is null");
    this.registry = registry.map(HeldModels::new);
    this.owned = owned;
    this.logger = LoggerFactory.getLogger("atrium.plugin." + pluginId);
    this.jobs = new PluginJobs(pluginId, TestingPluginContext.class.getClassLoader(), logger);
  }

  /** A new random tenant id. */
  public static String newTenantId() {
    return UUID.randomUUID().toString();
  }

  /**
   * Sets a tenant's settings, as {@code PUT /api/plugins/{id}} does: once the plugin has started
   * (see {@link PluginUnderTest}), settings its schema refuses throw {@link
   * IllegalArgumentException} listing what is wrong.
   */
  public TestingPluginContext setSettings(String tenantId, JsonObject values) {
    checkTenant(tenantId);
    checkSettings(requireNonNull(values, "values is null"));
    settings.put(tenantId, values.copy());
    return this;
  }

  void useSettingsSchema(SettingsSchema schema) {
    this.settingsSchema = schema;
    settings.values().forEach(this::checkSettings);
  }

  private void checkSettings(JsonObject values) {
    SettingsSchema schema = settingsSchema;
    if (schema != null) {
      List<String> violations = schema.violations(values);
      if (!violations.isEmpty()) {
        throw new IllegalArgumentException("Invalid settings: " + String.join("; ", violations));
      }
    }
  }

  @Override
  public String pluginId() {
    return pluginId;
  }

  @Override
  public String pluginVersion() {
    return version;
  }

  @Override
  public SdkVersion sdkVersion() {
    return SdkVersion.CURRENT;
  }

  @Override
  public InferenceClient inference() {
    return inference;
  }

  @Override
  public ModelCatalog models() {
    return models;
  }

  /**
   * Registers models in the pool, owned by this plugin (as {@code ModelInfo.owner}); closing the
   * context gives them back, as the host does when the plugin stops.
   */
  @Override
  public ModelRegistry modelRegistry() {
    return registry.map(ModelRegistry.class::cast).orElseGet(PluginContext.super::modelRegistry);
  }

  /** The host's own text safety (the same implementation the server gives plugins). */
  @Override
  public TextSafety textSafety() {
    return textSafety;
  }

  /**
   * The host's real tabular models: xgboost training on a training thread of this context's own,
   * and serving through {@link #modelRegistry()} (so the pool scores what the plugin registers).
   * Served models are loaded from files in a temporary folder, deleted on close.
   */
  @Override
  public synchronized TabularModels tabularModels() {
    if (tabular == null) {
      try {
        tabularDir = Files.createTempDirectory("atrium-testkit-tabular-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      tabular = new TabularModelService(TabularModelService.Settings.defaults(tabularDir));
    }
    return tabular.forPlugin(pluginId, modelRegistry());
  }

  @Override
  public TenantServices tenant(String tenantId) {
    checkTenant(tenantId);
    return tenants.computeIfAbsent(tenantId, Tenant::new);
  }

  /** What the plugin metered, for assertions. */
  @Override
  public RecordingUsageMeter usage() {
    return usage;
  }

  @Override
  public JobScheduler scheduler() {
    return jobs;
  }

  @Override
  public Logger logger() {
    return logger;
  }

  /**
   * Cancels running jobs, closes the vector indexes, gives back the plugin's registered models and
   * unloads the models of the context's own {@link TestingInference}.
   */
  @Override
  public void close() {
    jobs.close();
    tenants.values().forEach(t -> t.indexes.values().forEach(LuceneVectorIndex::close));
    io.shutdown();
    registry.ifPresent(HeldModels::close);
    owned.ifPresent(TestingInference::close);
    closeTabular();
  }

  private synchronized void closeTabular() {
    if (tabular == null) {
      return;
    }
    tabular.close();
    try {
      Files.deleteIfExists(tabularDir); // served models' files go once loaded
    } catch (IOException e) {
      logger.warn("could not delete {}: {}", tabularDir, e.toString());
    }
  }

  private static void checkTenant(String tenantId) {
    UUID.fromString(requireNonNull(tenantId, "tenantId is null"));
  }

  /** One tenant's services; like the host, nothing reaches another tenant's data. */
  private final class Tenant implements TenantServices {
    private final String tenantId;
    private final InMemoryDocumentStore documents = new InMemoryDocumentStore();
    private final InMemoryBlobStore blobs = new InMemoryBlobStore(MAX_BLOB_BYTES);
    private final Map<String, LuceneVectorIndex> indexes = new ConcurrentHashMap<>();

    Tenant(String tenantId) {
      this.tenantId = tenantId;
    }

    @Override
    public String tenantId() {
      return tenantId;
    }

    @Override
    public DocumentStore documents() {
      return documents;
    }

    @Override
    public BlobStore blobs() {
      return blobs;
    }

    @Override
    public VectorIndex vectors(String collection) {
      return indexes.computeIfAbsent(
          StorageRules.collection(collection), c -> LuceneVectorIndex.inMemory(io));
    }

    @Override
    public KnowledgeBase knowledge(String name) {
      return new StoredKnowledgeBase(
          name, this, inference, models, jobs, usage, KnowledgeLimits.DEFAULTS);
    }

    @Override
    public Future<JsonObject> settings() {
      return Future.succeededFuture(settings.getOrDefault(tenantId, new JsonObject()).copy());
    }
  }
}
