package dev.atrium.plugin.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One tenant's JSON documents for one plugin, in named collections (lower-case letters, digits,
 * {@code -} and {@code _}); ids are at most 256 characters. Documents are kept in the platform
 * database: a retrieval plugin keeps source documents here (metadata in {@code data}) and their
 * chunks in a second collection with ids such as {@code <documentId>/<n>}, so {@link #list} and
 * {@link #deleteAll} by id prefix reach one document's chunks.
 */
public interface DocumentStore {

  /** Creates or replaces the document and answers it as stored. */
  Future<Document> put(String collection, String id, JsonObject data);

  /**
   * Creates or replaces up to 1,000 documents of one collection (by id) in one transaction: all are
   * stored, or none. One bad id or document over 1 MiB refuses the whole call before anything is
   * written. Answers how many were stored. For writing many documents behind the requests, where a
   * {@link #put} each would cost a transaction each.
   *
   * @since 1.11.0
   */
  Future<Integer> putAll(String collection, Map<String, JsonObject> documents);

  Future<Optional<Document>> get(String collection, String id);

  /**
   * Up to {@code limit} documents whose id starts with {@code idPrefix} (empty for all), ordered by
   * id, after {@code afterId} (null for the first page; pass the last id of a page for the next).
   */
  Future<List<Document>> list(String collection, String idPrefix, String afterId, int limit);

  /** The first {@code limit} documents of a collection, by id. */
  default Future<List<Document>> list(String collection, int limit) {
    return list(collection, "", null, limit);
  }

  /** Deletes one document; answers whether it existed. */
  Future<Boolean> delete(String collection, String id);

  /** Deletes every document whose id starts with {@code idPrefix}; answers how many. */
  Future<Integer> deleteAll(String collection, String idPrefix);
}
