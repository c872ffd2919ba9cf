package dev.atrium.plugin.testkit;

import dev.atrium.plugin.api.Document;
import dev.atrium.plugin.api.DocumentStore;
import dev.atrium.plugin.runtime.StorageRules;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link DocumentStore} in memory, with the host's rules: collection names, id length, ordering
 * by id and paging after an id.
 */
final class InMemoryDocumentStore implements DocumentStore {
  private final Map<String, NavigableMap<String, Document>> collections = new ConcurrentHashMap<>();

  @Override
  public Future<Document> put(String collection, String id, JsonObject data) {
    return attempt(
        () -> {
          Document doc = document(collection, id, data, Instant.now());
          store(collection, List.of(doc));
          return doc;
        });
  }

  @Override
  public Future<Integer> putAll(String collection, Map<String, JsonObject> documents) {
    return attempt(
        () -> {
          StorageRules.batchSize(documents.size());
          Instant now = Instant.now();
          List<Document> stored = new ArrayList<>(documents.size());
          documents.forEach((id, data) -> stored.add(document(collection, id, data, now)));
          store(collection, stored);
          return stored.size();
        });
  }

  /** The document as the host would store it; throws when it breaks the storage rules. */
  private static Document document(String collection, String id, JsonObject data, Instant at) {
    return new Document(
        collection,
        StorageRules.documentId(id),
        new JsonObject(StorageRules.documentJson(data)),
        at);
  }

  private void store(String collection, List<Document> stored) {
    NavigableMap<String, Document> docs = collection(collection);
    synchronized (docs) {
      stored.forEach(doc -> docs.put(doc.id(), doc));
    }
  }

  @Override
  public Future<Optional<Document>> get(String collection, String id) {
    return attempt(
        () -> {
          NavigableMap<String, Document> docs = collection(collection);
          synchronized (docs) {
            return Optional.ofNullable(docs.get(id));
          }
        });
  }

  @Override
  public Future<List<Document>> list(
      String collection, String idPrefix, String afterId, int limit) {
    return attempt(
        () -> {
          StorageRules.listLimit(limit);
          NavigableMap<String, Document> docs = collection(collection);
          List<Document> page = new ArrayList<>();
          synchronized (docs) {
            NavigableMap<String, Document> from =
                afterId == null ? docs : docs.tailMap(afterId, false);
            for (Document doc : from.values()) {
              if (page.size() == limit) {
                break;
              }
              if (doc.id().startsWith(idPrefix)) {
                page.add(doc);
              }
            }
          }
          return List.copyOf(page);
        });
  }

  @Override
  public Future<Boolean> delete(String collection, String id) {
    return attempt(
        () -> {
          NavigableMap<String, Document> docs = collection(collection);
          synchronized (docs) {
            return docs.remove(id) != null;
          }
        });
  }

  @Override
  public Future<Integer> deleteAll(String collection, String idPrefix) {
    return attempt(
        () -> {
          NavigableMap<String, Document> docs = collection(collection);
          synchronized (docs) {
            int before = docs.size();
            docs.keySet().removeIf(id -> id.startsWith(idPrefix));
            return before - docs.size();
          }
        });
  }

  private NavigableMap<String, Document> collection(String name) {
    return collections.computeIfAbsent(StorageRules.collection(name), n -> new TreeMap<>());
  }

  /** Like the host, bad arguments fail the future rather than throw. */
  static <T> Future<T> attempt(java.util.concurrent.Callable<T> work) {
    try {
      return Future.succeededFuture(work.call());
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }
}
