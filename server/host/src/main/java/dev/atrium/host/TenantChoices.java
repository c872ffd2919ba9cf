package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.atrium.db.Db;
import dev.atrium.persistence.AuditEvent;
import dev.atrium.persistence.AuditRepository;
import dev.atrium.persistence.plugins.TenantPlugin;
import dev.atrium.persistence.plugins.TenantPluginRepository;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Each tenant's enablement and settings of each plugin, read on every plugin call and therefore
 * cached for a few seconds. A change made on this replica takes effect at once; other replicas see
 * it within {@link #TTL}.
 */
final class TenantChoices {
  static final Duration TTL = Duration.ofSeconds(5);

  private record Key(UUID tenantId, String pluginId) {}

  private final Db db;
  private final Cache<Key, Optional<TenantPlugin>> cache =
      Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(100_000).build();

  TenantChoices(Db db) {
    this.db = requireNonNull(db, "db is null");
  }

  Future<Optional<TenantPlugin>> find(UUID tenantId, String pluginId) {
    Key key = new Key(tenantId, pluginId);
    Optional<TenantPlugin> cached = cache.getIfPresent(key);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return db.read(dsl -> new TenantPluginRepository(dsl).find(tenantId, pluginId))
        .onSuccess(found -> cache.put(key, found));
  }

  /** Every choice the tenant made. */
  Future<List<TenantPlugin>> list(UUID tenantId) {
    return db.read(dsl -> new TenantPluginRepository(dsl).list(tenantId));
  }

  /**
   * Saves the tenant's choice for a plugin in one transaction with its audit event: {@code change}
   * turns the previous choice (if any) into the new one (and may refuse it by throwing), {@code
   * audit} describes the saved choice. The new choice takes effect on this replica at once.
   */
  Future<TenantPlugin> save(
      UUID tenantId,
      String pluginId,
      Function<Optional<TenantPlugin>, TenantPlugin> change,
      Function<TenantPlugin, AuditEvent> audit) {
    return db.transaction(
            dsl -> {
              TenantPluginRepository repository = new TenantPluginRepository(dsl);
              TenantPlugin saved = change.apply(repository.find(tenantId, pluginId));
              repository.save(saved);
              new AuditRepository(dsl).append(audit.apply(saved));
              return saved;
            })
        .onSuccess(saved -> cache.invalidate(new Key(tenantId, pluginId)));
  }
}
