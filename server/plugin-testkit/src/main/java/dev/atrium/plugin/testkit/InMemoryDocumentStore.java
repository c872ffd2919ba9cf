package dev.atrium.plugin.testkit;

import dev.atrium.plugin.api.Document;
import dev.atrium.plugin.api.DocumentStore;
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
import java.util.regex.Pattern;

/**
 * A {@link DocumentStore} in memory, with the host's rules: collection names, id length, ordering
 * by id and paging after an id.
 */
final class InMemoryDocumentStore implements DocumentStore {
  private static final Pattern COLLECTION = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final int MAX_ID = 256;

  private final Map<String, NavigableMap<String, Document>> collections = new ConcurrentHashMap<>();

  @Override
  public Future<Document> put(String collection, String id, JsonObject data) {
    return attempt(
        () -> {
          Document doc = new Document(collection, checkId(id), data, Instant.now());
          NavigableMap<String, Document> docs = collection(collection);
          synchronized (docs) {
            docs.put(id, doc);
          }
          return doc;
        });
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
          if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
          }
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
    if (name == null || !COLLECTION.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "collection '" + name + "' must be 1-64 lower-case letters, digits, '-' or '_'");
    }
    return collections.computeIfAbsent(name, n -> new TreeMap<>());
  }

  private static String checkId(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_ID) {
      throw new IllegalArgumentException("a document id must be 1-" + MAX_ID + " characters");
    }
    return id;
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
