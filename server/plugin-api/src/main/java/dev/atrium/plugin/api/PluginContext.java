package dev.atrium.plugin.api;

import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.InferenceFailedException;
import dev.atrium.plugin.api.inference.ModelCatalog;
import dev.atrium.plugin.api.inference.ModelRegistry;
import dev.atrium.plugin.api.safety.TextSafety;
import dev.atrium.plugin.api.tabular.TabularModels;
import io.vertx.core.Future;
import org.slf4j.Logger;

/**
 * The host services a plugin receives in its constructor. Tenant-owned data is reached through
 * {@link #tenant(String)}, with the tenant id from the {@link PluginRequest} being served.
 *
 * <p>Compatibility rule: methods added after SDK 1.0.0 are {@code default} methods, so plugins and
 * test contexts written against an older SDK keep working.
 */
public interface PluginContext {

  /** This plugin's id, as in {@code plugin.properties} and the route prefix. */
  String pluginId();

  /** The version of this plugin being run. */
  String pluginVersion();

  /** The SDK version the host offers (at least the one the plugin requires). */
  SdkVersion sdkVersion();

  /** The shared inference pool: embeddings and other model calls, fair per tenant. */
  InferenceClient inference();

  /** The models and tasks the pool serves. */
  ModelCatalog models();

  /**
   * Registers models the plugin ships or trains in the shared pool; the host releases them when the
   * plugin stops. Since SDK 1.3.0; a context that cannot load models fails every registration.
   */
  default ModelRegistry modelRegistry() {
    return definition ->
        Future.failedFuture(
            new InferenceFailedException("this context cannot register models", null));
  }

  /**
   * Banned-term checks and personal data detection and redaction, English and Chinese. Since SDK
   * 1.5.0.
   */
  default TextSafety textSafety() {
    throw new UnsupportedOperationException("this host offers no text safety (it needs SDK 1.5.0)");
  }

  /** Training and serving gradient-boosted trees through the shared pool. Since SDK 1.5.0. */
  default TabularModels tabularModels() {
    throw new UnsupportedOperationException(
        "this host offers no tabular models (it needs SDK 1.5.0)");
  }

  /**
   * The host's audit log for this plugin's actions ({@link AuditTrail#NONE} where the host keeps
   * none). Since SDK 1.5.0.
   */
  default AuditTrail audit() {
    return AuditTrail.NONE;
  }

  /**
   * The services bound to {@code request}, the call being served: its tenant's storage, and
   * inference and usage billed to that request. On Atrium, {@link #inference()}, {@link #usage()}
   * and {@link TenantServices#knowledge} called while a request is being served (in its handler or
   * in callbacks of the futures the host hands it) bill that request the same way; this method
   * makes the binding explicit, e.g. for work handed to a thread of the plugin's own. Since SDK
   * 1.6.0; the default builds them from this context's own services.
   */
  default RequestServices request(PluginRequest request) {
    return RequestServices.of(request, this);
  }

  /** Storage, vector indexes and settings of one tenant, for this plugin only. */
  TenantServices tenant(String tenantId);

  /** Records usage of the plugin's own meters. */
  UsageMeter usage();

  /** Runs background jobs with progress. */
  JobScheduler scheduler();

  /** The plugin's logger (its lines carry the plugin id). */
  Logger logger();
}
