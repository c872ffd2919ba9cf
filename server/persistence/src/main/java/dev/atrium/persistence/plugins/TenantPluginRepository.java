package dev.atrium.persistence.plugins;

import static dev.atrium.persistence.jooq.Tables.TENANT_PLUGINS;
import static java.util.Objects.requireNonNull;

import dev.atrium.persistence.jooq.tables.records.TenantPluginsRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** Which plugins each tenant enabled, and with which settings. */
public final class TenantPluginRepository {
  private final DSLContext dsl;

  public TenantPluginRepository(DSLContext dsl) {
    this.dsl = requireNonNull(dsl, "dsl is null");
  }

  public Optional<TenantPlugin> find(UUID tenantId, String pluginId) {
    return dsl.selectFrom(TENANT_PLUGINS)
        .where(TENANT_PLUGINS.TENANT_ID.eq(tenantId))
        .and(TENANT_PLUGINS.PLUGIN_ID.eq(pluginId))
        .fetchOptional()
        .map(TenantPluginRepository::toTenantPlugin);
  }

  public List<TenantPlugin> list(UUID tenantId) {
    return dsl.selectFrom(TENANT_PLUGINS)
        .where(TENANT_PLUGINS.TENANT_ID.eq(tenantId))
        .orderBy(TENANT_PLUGINS.PLUGIN_ID)
        .fetch(TenantPluginRepository::toTenantPlugin);
  }

  /** Creates or replaces the tenant's row for the plugin. */
  public void save(TenantPlugin choice) {
    dsl.insertInto(TENANT_PLUGINS)
        .set(TENANT_PLUGINS.TENANT_ID, choice.tenantId())
        .set(TENANT_PLUGINS.PLUGIN_ID, choice.pluginId())
        .set(TENANT_PLUGINS.ENABLED, choice.enabled())
        .set(TENANT_PLUGINS.SETTINGS, choice.settings())
        .set(TENANT_PLUGINS.UPDATED_AT, choice.updatedAt())
        .set(TENANT_PLUGINS.UPDATED_BY, choice.updatedBy())
        .onConflict(TENANT_PLUGINS.TENANT_ID, TENANT_PLUGINS.PLUGIN_ID)
        .doUpdate()
        .set(TENANT_PLUGINS.ENABLED, choice.enabled())
        .set(TENANT_PLUGINS.SETTINGS, choice.settings())
        .set(TENANT_PLUGINS.UPDATED_AT, choice.updatedAt())
        .set(TENANT_PLUGINS.UPDATED_BY, choice.updatedBy())
        .execute();
  }

  private static TenantPlugin toTenantPlugin(TenantPluginsRecord r) {
    return new TenantPlugin(
        r.getTenantId(),
        r.getPluginId(),
        r.getEnabled(),
        r.getSettings(),
        r.getUpdatedAt(),
        r.getUpdatedBy());
  }
}
