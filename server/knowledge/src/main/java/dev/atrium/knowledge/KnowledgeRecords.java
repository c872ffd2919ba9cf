package dev.atrium.knowledge;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.Document;
import dev.atrium.plugin.api.DocumentStore;
import dev.atrium.plugin.api.KnowledgeDocument;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The knowledge base's document records, kept in one collection of the tenant's document store. */
final class KnowledgeRecords {
  /** Joins heading paths in vector metadata (which holds strings only). */
  static final String HEADING_SEPARATOR = "\u001f";

  private static final int PAGE = 500;

  private final DocumentStore store;
  private final String collection;

  KnowledgeRecords(DocumentStore store, String collection) {
    this.store = requireNonNull(store, "store is null");
    this.collection = requireNonNull(collection, "collection is null");
  }

  Future<Optional<KnowledgeRecord>> get(String id) {
    return store.get(collection, id).map(found -> found.map(KnowledgeRecords::toRecord));
  }

  Future<KnowledgeDocument> put(KnowledgeRecord record) {
    return store.put(collection, record.id(), record.toJson()).map(KnowledgeRecords::toDocument);
  }

  /** Every document, read a page at a time (the store hands out at most {@value PAGE}). */
  Future<List<KnowledgeDocument>> list() {
    return page(null, new ArrayList<>());
  }

  private Future<List<KnowledgeDocument>> page(String afterId, List<KnowledgeDocument> sofar) {
    return store
        .list(collection, "", afterId, PAGE)
        .compose(
            docs -> {
              docs.forEach(d -> sofar.add(toDocument(d)));
              return docs.size() < PAGE
                  ? Future.succeededFuture(List.copyOf(sofar))
                  : page(docs.get(docs.size() - 1).id(), sofar);
            });
  }

  Future<Optional<KnowledgeDocument>> document(String id) {
    return store.get(collection, id).map(found -> found.map(KnowledgeRecords::toDocument));
  }

  Future<Boolean> delete(String id) {
    return store.delete(collection, id);
  }

  /** Marks the document ready with what the finished ingestion produced. */
  Future<KnowledgeDocument> finish(String id, int chunks, long tokens, String generation) {
    return update(
        id,
        r ->
            new KnowledgeRecord(
                r.id(),
                r.title(),
                r.fileName(),
                r.format(),
                "ready",
                chunks,
                r.characters(),
                tokens,
                generation,
                r.jobId(),
                null));
  }

  /** Marks the ingestion failed; the previous generation of chunks stays searchable. */
  Future<KnowledgeDocument> fail(String id, String error) {
    return update(
        id,
        r ->
            new KnowledgeRecord(
                r.id(),
                r.title(),
                r.fileName(),
                r.format(),
                "failed",
                r.chunks(),
                r.characters(),
                r.embeddingTokens(),
                r.generation(),
                r.jobId(),
                error));
  }

  private Future<KnowledgeDocument> update(String id, UnaryOperator<KnowledgeRecord> change) {
    return get(id)
        .compose(
            found ->
                found.isPresent()
                    ? put(change.apply(found.get()))
                    : Future.failedFuture(
                        new IllegalStateException("knowledge document " + id + " vanished")));
  }

  private static KnowledgeRecord toRecord(Document document) {
    return KnowledgeRecord.fromJson(document.id(), document.data());
  }

  private static KnowledgeDocument toDocument(Document document) {
    return toRecord(document).toDocument(document.updatedAt());
  }
}
