package dev.atrium.host;

import static java.util.Objects.requireNonNull;

import dev.atrium.db.Db;
import dev.atrium.persistence.plugins.PluginDocumentRepository;
import dev.atrium.persistence.plugins.StoredDocument;
import dev.atrium.plugin.api.Document;
import dev.atrium.plugin.api.DocumentStore;
import dev.atrium.plugin.runtime.StorageRules;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A {@link DocumentStore} in the platform database, for one tenant and one plugin. */
final class DbDocumentStore implements DocumentStore {

  private final Db db;
  private final UUID tenantId;
  private final String pluginId;

  DbDocumentStore(Db db, UUID tenantId, String pluginId) {
    this.db = requireNonNull(db, "db is null");
    this.tenantId = requireNonNull(tenantId, "tenantId is null");
    this.pluginId = requireNonNull(pluginId, "pluginId is null");
  }

  @Override
  public Future<Document> put(String collection, String id, JsonObject data) {
    check(collection, id);
    StoredDocument stored;
    try {
      stored = stored(collection, id, data, OffsetDateTime.now(ZoneOffset.UTC));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return db.read(
            dsl -> {
              new PluginDocumentRepository(dsl).put(tenantId, pluginId, stored);
              return stored;
            })
        .map(DbDocumentStore::toDocument);
  }

  @Override
  public Future<Integer> putAll(String collection, Map<String, JsonObject> documents) {
    List<StoredDocument> stored = new ArrayList<>(documents.size());
    try {
      StorageRules.collection(collection);
      StorageRules.batchSize(documents.size());
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      documents.forEach((id, data) -> stored.add(stored(collection, id, data, now)));
    } catch (IllegalArgumentException | NullPointerException e) {
      return Future.failedFuture(e);
    }
    return db.transaction(
        dsl -> {
          new PluginDocumentRepository(dsl).putAll(tenantId, pluginId, stored);
          return stored.size();
        });
  }

  @Override
  public Future<Optional<Document>> get(String collection, String id) {
    check(collection, id);
    return db.read(
        dsl ->
            new PluginDocumentRepository(dsl)
                .get(tenantId, pluginId, collection, id)
                .map(DbDocumentStore::toDocument));
  }

  @Override
  public Future<List<Document>> list(
      String collection, String idPrefix, String afterId, int limit) {
    check(collection, requireNonNull(idPrefix, "idPrefix is null"));
    try {
      StorageRules.listLimit(limit);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return db.read(
        dsl ->
            new PluginDocumentRepository(dsl)
                .list(tenantId, pluginId, collection, idPrefix, afterId, limit).stream()
                    .map(DbDocumentStore::toDocument)
                    .toList());
  }

  @Override
  public Future<Boolean> delete(String collection, String id) {
    check(collection, id);
    return db.read(
        dsl -> new PluginDocumentRepository(dsl).delete(tenantId, pluginId, collection, id));
  }

  @Override
  public Future<Integer> deleteAll(String collection, String idPrefix) {
    check(collection, requireNonNull(idPrefix, "idPrefix is null"));
    return db.read(
        dsl ->
            new PluginDocumentRepository(dsl).deleteAll(tenantId, pluginId, collection, idPrefix));
  }

  private static void check(String collection, String id) {
    StorageRules.collection(collection);
    StorageRules.documentId(id);
  }

  /** The document as it is stored; throws when its id or JSON breaks the storage rules. */
  private static StoredDocument stored(
      String collection, String id, JsonObject data, OffsetDateTime at) {
    return new StoredDocument(
        collection, StorageRules.documentId(id), StorageRules.documentJson(data), at);
  }

  private static Document toDocument(StoredDocument d) {
    return new Document(
        d.collection(), d.id(), new JsonObject(d.data()), d.updatedAt().toInstant());
  }
}
