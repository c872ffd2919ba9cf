package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import dev.atrium.db.Db;
import dev.atrium.persistence.plugins.PluginBlobRepository;
import dev.atrium.persistence.plugins.StoredBlob;
import dev.atrium.plugin.api.Blob;
import dev.atrium.plugin.api.BlobInfo;
import dev.atrium.plugin.api.BlobStore;
import dev.atrium.plugin.runtime.StorageRules;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A {@link BlobStore} in the platform database, for one tenant and one plugin. */
final class DbBlobStore implements BlobStore {

  private final Db db;
  private final UUID tenantId;
  private final String pluginId;
  private final long maxBytes;

  DbBlobStore(Db db, UUID tenantId, String pluginId, long maxBytes) {
    this.db = requireNonNull(db, "db is null");
    this.tenantId = requireNonNull(tenantId, "tenantId is null");
    this.pluginId = requireNonNull(pluginId, "pluginId is null");
    this.maxBytes = maxBytes;
  }

  @Override
  public Future<BlobInfo> put(String name, Buffer content, String contentType) {
    checkName(name);
    requireNonNull(content, "content is null");
    requireNonNull(contentType, "contentType is null");
    try {
      StorageRules.objectSize(content.length(), maxBytes);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    StoredBlob blob =
        new StoredBlob(
            name,
            contentType,
            content.length(),
            content.getBytes(),
            OffsetDateTime.now(ZoneOffset.UTC));
    return db.read(
        dsl -> {
          new PluginBlobRepository(dsl).put(tenantId, pluginId, blob);
          return info(blob);
        });
  }

  @Override
  public Future<Optional<Blob>> get(String name) {
    checkName(name);
    return db.read(
        dsl ->
            new PluginBlobRepository(dsl)
                .get(tenantId, pluginId, name)
                .map(b -> new Blob(info(b), Buffer.buffer(b.content()))));
  }

  @Override
  public Future<List<BlobInfo>> list(String prefix) {
    requireNonNull(prefix, "prefix is null");
    return db.read(
        dsl ->
            new PluginBlobRepository(dsl)
                .list(tenantId, pluginId, prefix).stream().map(DbBlobStore::info).toList());
  }

  @Override
  public Future<Boolean> delete(String name) {
    checkName(name);
    return db.read(dsl -> new PluginBlobRepository(dsl).delete(tenantId, pluginId, name));
  }

  private static void checkName(String name) {
    StorageRules.objectName(name);
  }

  private static BlobInfo info(StoredBlob b) {
    return new BlobInfo(b.name(), b.contentType(), b.size(), b.updatedAt().toInstant());
  }
}
