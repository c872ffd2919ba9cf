package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import dev.atrium.knowledge.KnowledgeLimits;
import dev.atrium.knowledge.StoredKnowledgeBase;
import dev.atrium.plugin.api.AuditTrail;
import dev.atrium.plugin.api.BlobStore;
import dev.atrium.plugin.api.DocumentStore;
import dev.atrium.plugin.api.JobScheduler;
import dev.atrium.plugin.api.KnowledgeBase;
import dev.atrium.plugin.api.MeterDefinition;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.RequestServices;
import dev.atrium.plugin.api.SdkVersion;
import dev.atrium.plugin.api.TenantServices;
import dev.atrium.plugin.api.UsageMeter;
import dev.atrium.plugin.api.VectorIndex;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.ModelCatalog;
import dev.atrium.plugin.api.inference.ModelRegistry;
import dev.atrium.plugin.api.safety.TextSafety;
import dev.atrium.plugin.api.tabular.TabularModels;
import dev.atrium.plugin.runtime.HeldModels;
import dev.atrium.plugin.runtime.PluginJobs;
import dev.atrium.plugin.runtime.safety.HostTextSafety;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PluginContext} of one plugin version, on the {@link PluginServices}. Closing it
 * cancels the plugin's background jobs and gives back the models it registered.
 */
public final class HostPluginContext implements PluginContext, AutoCloseable {
  private final String pluginId;
  private final String version;
  private final PluginServices services;
  private final Logger logger;
  private final PluginJobs jobs;
  private volatile Set<String> meters = Set.of();
  private final InferenceClient inference;
  private final UsageMeter usage;
  private final HeldModels models;
  private final TextSafety textSafety = new HostTextSafety();
  private final TabularModels tabular;

  /**
   * Usage can be recorded for the plugin's meters once {@link #declareMeters} has been told them,
   * after the plugin is constructed.
   */
  public HostPluginContext(
      String pluginId, String version, PluginServices services, ClassLoader pluginLoader) {
    this.pluginId = requireNonNull(pluginId, "pluginId is null");
    this.version = requireNonNull(version, "version is null");
    this.services = requireNonNull(services, "services is null");
    this.logger = LoggerFactory.getLogger("atrium.plugin." + pluginId);
    this.jobs = new PluginJobs(pluginId, pluginLoader, logger);
    this.inference = new PluginInference(services.inference(), services::current);
    this.usage =
        new DeclaredUsageMeter(pluginId, () -> meters, services.usage(), services::current);
    this.models = new HeldModels(services.modelRegistry(pluginId));
    this.tabular = services.tabular().forPlugin(pluginId, models);
  }

  /** The meters the plugin declared, read once from it: usage of any other is refused. */
  void declareMeters(List<MeterDefinition> declared) {
    meters = declared.stream().map(MeterDefinition::name).collect(Collectors.toUnmodifiableSet());
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

  /** The pool, billed to the request being served when there is one ({@link RequestScope}). */
  @Override
  public InferenceClient inference() {
    return inference;
  }

  @Override
  public ModelCatalog models() {
    return services.models();
  }

  @Override
  public ModelRegistry modelRegistry() {
    return models;
  }

  /** Trains on the host's training threads; serves through {@link #modelRegistry()}'s holds. */
  @Override
  public TabularModels tabularModels() {
    return tabular;
  }

  @Override
  public TextSafety textSafety() {
    return textSafety;
  }

  @Override
  public RequestServices request(PluginRequest request) {
    Optional<RequestScope> scope = services.scope(request);
    if (scope.isEmpty()) {
      return PluginContext.super.request(request);
    }
    Supplier<Optional<RequestScope>> bound = () -> scope;
    InferenceClient billed = new PluginInference(services.inference(), bound);
    UsageMeter metered = new DeclaredUsageMeter(pluginId, () -> meters, services.usage(), bound);
    TenantServices tenant = tenant(request.tenantId(), billed, metered);
    return new RequestServices() {
      @Override
      public PluginRequest request() {
        return request;
      }

      @Override
      public TenantServices tenant() {
        return tenant;
      }

      @Override
      public InferenceClient inference() {
        return billed;
      }

      @Override
      public UsageMeter usage() {
        return metered;
      }
    };
  }

  @Override
  public TenantServices tenant(String tenantId) {
    return tenant(tenantId, inference, usage);
  }

  /** The tenant's services, whose knowledge bases embed with {@code inference}. */
  private TenantServices tenant(String tenantId, InferenceClient inference, UsageMeter usage) {
    UUID tenant = UUID.fromString(requireNonNull(tenantId, "tenantId is null"));
    return new TenantServices() {
      @Override
      public String tenantId() {
        return tenantId;
      }

      @Override
      public DocumentStore documents() {
        return new DbDocumentStore(services.db(), tenant, pluginId);
      }

      @Override
      public BlobStore blobs() {
        return new DbBlobStore(services.db(), tenant, pluginId, services.maxBlobBytes());
      }

      @Override
      public VectorIndex vectors(String collection) {
        return services.indexes().index(pluginId, tenant, collection);
      }

      @Override
      public KnowledgeBase knowledge(String name) {
        return new StoredKnowledgeBase(
            name, this, inference, services.models(), jobs, usage, KnowledgeLimits.DEFAULTS);
      }

      @Override
      public Future<JsonObject> settings() {
        return services
            .choices()
            .find(tenant, pluginId)
            .map(c -> c.map(t -> new JsonObject(t.settings())).orElseGet(JsonObject::new));
      }
    };
  }

  @Override
  public AuditTrail audit() {
    return new PluginAuditTrail(pluginId, services.audit());
  }

  @Override
  public UsageMeter usage() {
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

  /** Cancels and forgets the jobs of a deleted tenant; answers how many were running. */
  int forgetTenant(String tenantId) {
    return jobs.forgetTenant(tenantId);
  }

  @Override
  public void close() {
    jobs.close();
    models.close();
  }
}
