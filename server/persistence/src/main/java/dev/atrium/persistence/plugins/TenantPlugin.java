package dev.atrium.persistence.plugins;

import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A tenant's choice for one plugin: enabled or not, and its settings (a JSON object as text).
 * {@code updatedBy} is the user who saved it (null when the platform did).
 */
public record TenantPlugin(
    UUID tenantId,
    String pluginId,
    boolean enabled,
    String settings,
    OffsetDateTime updatedAt,
    UUID updatedBy) {
  public TenantPlugin {
    requireNonNull(tenantId, "tenantId is null");
    requireNonNull(pluginId, "pluginId is null");
    requireNonNull(settings, "settings is null");
    requireNonNull(updatedAt, "updatedAt is null");
  }
}
