package dev.atrium.plugin.api;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * An Atrium plugin. The class named by {@code plugin.class} in {@code plugin.properties} implements
 * this interface and has a public constructor taking a {@link PluginContext}: that context is how
 * the plugin reaches every host service (there are no static singletons).
 *
 * <p>Every method has a default, so a plugin overrides only what it contributes, and methods added
 * in later SDK versions never break it. The host calls these methods once, right after the
 * constructor, and {@link #close()} once when the plugin is upgraded or uninstalled (after its
 * in-flight requests have finished).
 */
public interface AtriumPlugin {

  /**
   * Declares the HTTP routes, mounted by the host under {@code /v1/<plugin-id>/} behind API-key
   * authentication, per-tenant enablement, admission and metering, and documented in {@code
   * /openapi.json}.
   */
  default void routes(PluginRoutes routes) {}

  /**
   * The JSON Schema (draft 2020-12) a tenant's settings for this plugin must satisfy; the host
   * validates settings against it before storing them. The default accepts any object.
   */
  default JsonObject settingsSchema() {
    return new JsonObject().put("type", "object");
  }

  /** The plugin's own meters (what {@link UsageMeter#record} may count). */
  default List<MeterDefinition> meters() {
    return List.of();
  }

  /** The models the plugin needs from the shared inference pool. */
  default List<ModelRequirement> models() {
    return List.of();
  }

  /** What the dashboard shows for this plugin, if anything. */
  default Optional<DashboardPanel> dashboardPanel() {
    return Optional.empty();
  }

  /**
   * Tenant {@code tenantId} has been deleted: its documents, blobs and vector indexes are gone and
   * its background jobs cancelled. Drop what the plugin still keeps for it in memory (caches,
   * write-behind buffers, per-tenant models), so nothing of it is kept or written back. Called once
   * per deletion, on one of the plugin's threads, after the data is deleted; the host waits at most
   * 5 s, and a plugin that throws or takes longer is logged, never passed on (the deletion stands).
   *
   * @since 1.10.0
   */
  default void tenantDeleted(String tenantId) {}

  /** Frees what the plugin holds (threads, files). Background jobs are cancelled by the host. */
  default void close() {}
}
