package dev.atrium.plugin.api;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's searchable knowledge base, offered by the host so every vertical shares one ingestion
 * pipeline: documents (text, Markdown, HTML, PDF, FAQ CSV/JSON) are parsed, cut into
 * sentence-aligned chunks that respect headings (English and Chinese), embedded through the shared
 * inference pool with the model for their language, and indexed in the tenant's vector index.
 *
 * <p>A document is checked before anything changes: an empty, oversized, unreadable or unsupported
 * file fails {@link #ingest} with a {@link KnowledgeException} and leaves the index as it was.
 * Re-ingesting a document id replaces its old chunks.
 */
public interface KnowledgeBase {

  /**
   * Checks the upload, then embeds and indexes it in the background. The answered document has
   * status {@code ingesting} and the id of the job whose progress {@link JobScheduler#status}
   * reports; it becomes {@code ready} (or {@code failed}, the old chunks kept) when the job ends.
   */
  Future<KnowledgeDocument> ingest(KnowledgeUpload upload);

  /**
   * The {@code k} chunks and FAQ entries closest to {@code query}, best first, searched with the
   * model for the query's language.
   */
  Future<List<KnowledgeHit>> search(String query, int k);

  Future<List<KnowledgeDocument>> documents();

  Future<Optional<KnowledgeDocument>> document(String documentId);

  /** Removes the document and its chunks; false when there was no such document. */
  Future<Boolean> delete(String documentId);
}
