package dev.atrium.plugin.runtime;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.VectorEntry;
import dev.atrium.plugin.api.VectorFilter;
import dev.atrium.plugin.api.VectorIndex;
import dev.atrium.plugin.api.VectorMatch;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * A {@link VectorIndex} on Apache Lucene's HNSW graphs, in its own directory: every write is
 * committed before its future completes (so it survives a crash) and searchable at once. Metadata
 * is stored as JSON and indexed as exact-match terms for {@link VectorFilter}s. Lucene work runs on
 * the given executor, never on an event loop.
 */
public final class LuceneVectorIndex implements VectorIndex, AutoCloseable {
  private static final String ID = "id";
  private static final String VECTOR = "vector";
  private static final String METADATA = "metadata";
  private static final String FILTER_FIELD = "m.";
  private static final int MAX_K = 1000;

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final ExecutorService io;

  private LuceneVectorIndex(Directory directory, IndexWriter writer, ExecutorService io)
      throws IOException {
    this.directory = directory;
    this.writer = writer;
    this.searchers = new SearcherManager(writer, null);
    this.io = io;
  }

  /** Opens (or creates) the index kept in {@code dir}. */
  public static LuceneVectorIndex open(Path dir, ExecutorService io) {
    requireNonNull(dir, "dir is null");
    try {
      return open(FSDirectory.open(dir), io);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open vector index " + dir, e);
    }
  }

  /**
   * A new index held in memory (the same HNSW graphs, nothing written to disk): for tests and the
   * plugin testkit.
   */
  public static LuceneVectorIndex inMemory(ExecutorService io) {
    return open(new ByteBuffersDirectory(), io);
  }

  private static LuceneVectorIndex open(Directory directory, ExecutorService io) {
    requireNonNull(io, "io is null");
    try {
      IndexWriter writer =
          new IndexWriter(
              directory,
              new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
      return new LuceneVectorIndex(directory, writer, io);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open vector index " + directory, e);
    }
  }

  @Override
  public Future<Void> upsert(List<VectorEntry> entries) {
    List<VectorEntry> copy = List.copyOf(entries);
    return run(
        () -> {
          for (VectorEntry entry : copy) {
            writer.updateDocument(new Term(ID, entry.id()), toDocument(entry));
          }
          commit();
          return null;
        });
  }

  @Override
  public Future<List<VectorMatch>> search(float[] vector, int k, VectorFilter filter) {
    requireNonNull(vector, "vector is null");
    requireNonNull(filter, "filter is null");
    if (k < 1 || k > MAX_K) {
      return Future.failedFuture(new IllegalArgumentException("k must be between 1 and " + MAX_K));
    }
    float[] target = vector.clone();
    return run(
        () -> {
          IndexSearcher searcher = searchers.acquire();
          try {
            if (searcher.getIndexReader().numDocs() == 0) {
              return List.of();
            }
            Query query = new KnnFloatVectorQuery(VECTOR, target, k, filterQuery(filter));
            StoredFields stored = searcher.storedFields();
            List<VectorMatch> matches = new ArrayList<>();
            for (ScoreDoc hit : searcher.search(query, k).scoreDocs) {
              Document doc = stored.document(hit.doc);
              matches.add(new VectorMatch(doc.get(ID), hit.score, metadata(doc.get(METADATA))));
            }
            return List.copyOf(matches);
          } finally {
            searchers.release(searcher);
          }
        });
  }

  @Override
  public Future<Boolean> delete(String id) {
    requireNonNull(id, "id is null");
    return deleteMatching(new TermQuery(new Term(ID, id))).map(n -> n > 0);
  }

  @Override
  public Future<Long> deleteWhere(VectorFilter filter) {
    Query query = filterQuery(requireNonNull(filter, "filter is null"));
    return deleteMatching(query == null ? new MatchAllDocsQuery() : query);
  }

  @Override
  public Future<Long> count() {
    return run(
        () -> {
          IndexSearcher searcher = searchers.acquire();
          try {
            return (long) searcher.getIndexReader().numDocs();
          } finally {
            searchers.release(searcher);
          }
        });
  }

  @Override
  public synchronized void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close vector index", e);
    }
  }

  private Future<Long> deleteMatching(Query query) {
    return run(
        () -> {
          IndexSearcher searcher = searchers.acquire();
          long matching;
          try {
            matching = searcher.count(query);
          } finally {
            searchers.release(searcher);
          }
          if (matching > 0) {
            writer.deleteDocuments(query);
            commit();
          }
          return matching;
        });
  }

  private void commit() throws IOException {
    writer.commit();
    searchers.maybeRefreshBlocking();
  }

  private <T> Future<T> run(Callable<T> work) {
    return Future.fromCompletionStage(
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return work.call();
              } catch (RuntimeException e) {
                throw e;
              } catch (Exception e) {
                throw new CompletionException(e);
              }
            },
            io));
  }

  private static Document toDocument(VectorEntry entry) {
    Document doc = new Document();
    doc.add(new StringField(ID, entry.id(), Field.Store.YES));
    doc.add(new KnnFloatVectorField(VECTOR, entry.vector(), VectorSimilarityFunction.COSINE));
    doc.add(new StoredField(METADATA, new JsonObject(new HashMap<>(entry.metadata())).encode()));
    entry
        .metadata()
        .forEach((k, v) -> doc.add(new StringField(FILTER_FIELD + k, v, Field.Store.NO)));
    return doc;
  }

  private static Query filterQuery(VectorFilter filter) {
    if (filter.equals().isEmpty()) {
      return null;
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    filter
        .equals()
        .forEach(
            (k, v) ->
                query.add(
                    new TermQuery(new Term(FILTER_FIELD + k, v)), BooleanClause.Occur.FILTER));
    return query.build();
  }

  private static Map<String, String> metadata(String json) {
    Map<String, String> metadata = new HashMap<>();
    new JsonObject(json).forEach(e -> metadata.put(e.getKey(), String.valueOf(e.getValue())));
    return metadata;
  }
}
