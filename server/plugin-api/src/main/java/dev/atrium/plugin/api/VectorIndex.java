package dev.atrium.plugin.api;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * A persistent approximate-nearest-neighbour index (HNSW) of one tenant, one plugin and one
 * collection. Similarity is cosine; every vector of one index has the same length, fixed by the
 * first one stored. Metadata values are strings that {@link VectorFilter} matches exactly, e.g.
 * {@code documentId} so a search can be restricted to some documents, or all of a document's chunks
 * deleted at once.
 */
public interface VectorIndex {

  /** Adds or replaces entries (by id); they are searchable when the future completes. */
  Future<Void> upsert(List<VectorEntry> entries);

  /** Adds or replaces one entry. */
  default Future<Void> upsert(String id, float[] vector, Map<String, String> metadata) {
    return upsert(List.of(new VectorEntry(id, vector, metadata)));
  }

  /** The {@code k} entries nearest to {@code vector} among those {@code filter} accepts. */
  Future<List<VectorMatch>> search(float[] vector, int k, VectorFilter filter);

  /** Deletes the entry; answers whether it existed. */
  Future<Boolean> delete(String id);

  /** Deletes every entry {@code filter} accepts; answers how many. */
  Future<Long> deleteWhere(VectorFilter filter);

  /** How many entries the index holds. */
  Future<Long> count();
}
