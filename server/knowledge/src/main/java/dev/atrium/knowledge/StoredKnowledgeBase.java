package dev.atrium.knowledge;

import static java.util.Objects.requireNonNull;

import dev.atrium.ingestion.Chunker;
import dev.atrium.ingestion.DocumentParser;
import dev.atrium.ingestion.IngestionException;
import dev.atrium.ingestion.ParsedDocument;
import dev.atrium.plugin.api.JobProgress;
import dev.atrium.plugin.api.JobScheduler;
import dev.atrium.plugin.api.JobStatus;
import dev.atrium.plugin.api.KnowledgeBase;
import dev.atrium.plugin.api.KnowledgeDocument;
import dev.atrium.plugin.api.KnowledgeException;
import dev.atrium.plugin.api.KnowledgeHit;
import dev.atrium.plugin.api.KnowledgeUpload;
import dev.atrium.plugin.api.TenantServices;
import dev.atrium.plugin.api.UsageMeter;
import dev.atrium.plugin.api.VectorFilter;
import dev.atrium.plugin.api.VectorMatch;
import dev.atrium.plugin.api.inference.EmbeddingRequest;
import dev.atrium.plugin.api.inference.InferenceClient;
import dev.atrium.plugin.api.inference.ModelCatalog;
import dev.atrium.plugin.api.inference.ModelInfo;
import dev.atrium.plugin.api.inference.Task;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * A {@link KnowledgeBase} on top of the SDK's tenant services: document records in the tenant's
 * document store, chunks in one vector collection per embedding model (vectors of different models
 * cannot be compared), embeddings from the shared pool. Ingestion runs as a background job; the new
 * chunks are written before the old generation is removed, so a failed re-ingestion keeps the
 * document searchable as it was.
 */
public final class StoredKnowledgeBase implements KnowledgeBase {
  /** The plugin meter a knowledge base records its embedding tokens on, when declared. */
  public static final String EMBEDDING_TOKENS = "embedding_tokens";

  private static final Duration EMBED_TIMEOUT = Duration.ofMinutes(2);

  private final String name;
  private final TenantServices tenant;
  private final InferenceClient inference;
  private final ModelCatalog models;
  private final JobScheduler jobs;
  private final UsageMeter usage;
  private final DocumentParser parser;
  private final Chunker chunker;
  private final KnowledgeRecords records;

  public StoredKnowledgeBase(
      String name,
      TenantServices tenant,
      InferenceClient inference,
      ModelCatalog models,
      JobScheduler jobs,
      UsageMeter usage,
      KnowledgeLimits limits) {
    this.name = requireNonNull(name, "name is null");
    this.tenant = requireNonNull(tenant, "tenant is null");
    this.inference = requireNonNull(inference, "inference is null");
    this.models = requireNonNull(models, "models is null");
    this.jobs = requireNonNull(jobs, "jobs is null");
    this.usage = requireNonNull(usage, "usage is null");
    this.parser = new DocumentParser(limits.maxDocumentBytes());
    this.chunker = new Chunker(limits.maxChunkTokens());
    this.records = new KnowledgeRecords(tenant.documents(), "kb-" + name + "-documents");
  }

  @Override
  public Future<KnowledgeDocument> ingest(KnowledgeUpload upload) {
    String documentId = upload.documentId().orElseGet(() -> UUID.randomUUID().toString());
    if (documentId.isBlank() || documentId.length() > 200) {
      return Future.failedFuture(
          new KnowledgeException("invalid_document_id", "A document id has 1 to 200 characters."));
    }
    return parse(upload)
        .compose(
            parsed ->
                records
                    .get(documentId)
                    .compose(previous -> start(documentId, upload, parsed, previous)));
  }

  /**
   * Parses off the event loop when called on a Vert.x context (PDFs take a while), directly
   * otherwise (job threads, tests).
   */
  private Future<ParsedDocument> parse(KnowledgeUpload upload) {
    Callable<ParsedDocument> parse =
        () -> {
          try {
            return parser.parse(
                upload.content().getBytes(), upload.fileName(), upload.contentType());
          } catch (IngestionException e) {
            throw new KnowledgeException(e.code(), e.getMessage());
          }
        };
    Context context = Vertx.currentContext();
    if (context != null) {
      return context.owner().executeBlocking(parse, false);
    }
    try {
      return Future.succeededFuture(parse.call());
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  private Future<KnowledgeDocument> start(
      String documentId,
      KnowledgeUpload upload,
      ParsedDocument parsed,
      Optional<KnowledgeRecord> previous) {
    String generation = UUID.randomUUID().toString();
    IngestionRun run =
        new IngestionRun(documentId, generation, parsed, previous.map(KnowledgeRecord::generation));
    // The job starts once the document's record is written, so it always finds the record to
    // finish (a one-chunk document can be embedded before the record's write completes).
    Promise<Void> recorded = Promise.promise();
    JobStatus job =
        jobs.submit(
            tenant.tenantId(),
            "ingest " + upload.fileName(),
            progress -> {
              recorded.future().await();
              run.execute(progress);
            });
    KnowledgeRecord record =
        new KnowledgeRecord(
            documentId,
            parsed.title(),
            upload.fileName(),
            parsed.format().name().toLowerCase(Locale.ROOT),
            "ingesting",
            previous.map(KnowledgeRecord::chunks).orElse(0),
            parsed.characters(),
            0,
            previous.map(KnowledgeRecord::generation).orElse(""),
            job.id(),
            null);
    return records.put(record).onComplete(written -> recorded.handle(written.mapEmpty()));
  }

  @Override
  public Future<List<KnowledgeHit>> search(String query, int k) {
    if (query == null || query.isBlank()) {
      return Future.failedFuture(new KnowledgeException("empty_query", "The query is empty."));
    }
    return inference
        .embed(EmbeddingRequest.of(tenant.tenantId(), List.of(query), EMBED_TIMEOUT))
        .compose(
            result ->
                tenant
                    .vectors(collection(result.modelId()))
                    .search(result.vectors().get(0), k, VectorFilter.none()))
        .map(matches -> matches.stream().map(StoredKnowledgeBase::toHit).toList());
  }

  @Override
  public Future<List<KnowledgeDocument>> documents() {
    return records
        .list()
        .compose(all -> Future.all(all.stream().map(this::settled).toList()))
        .map(settled -> settled.<KnowledgeDocument>list());
  }

  @Override
  public Future<Optional<KnowledgeDocument>> document(String documentId) {
    return records
        .document(documentId)
        .compose(
            found ->
                found.isEmpty()
                    ? Future.succeededFuture(found)
                    : settled(found.get()).map(Optional::of));
  }

  /**
   * The document as it stands: an ingestion whose job the scheduler no longer knows was cut short
   * (a restart, a crash, an upgrade: jobs live in memory) and would show {@code ingesting} forever;
   * it is marked failed, saying so, and the previous generation of chunks stays searchable.
   */
  private Future<KnowledgeDocument> settled(KnowledgeDocument document) {
    boolean interrupted =
        document.status().equals("ingesting") && document.jobId().flatMap(jobs::status).isEmpty();
    return interrupted
        ? records.fail(
            document.id(),
            "The ingestion was interrupted (the server restarted or the plugin was upgraded);"
                + " ingest the document again.")
        : Future.succeededFuture(document);
  }

  @Override
  public Future<Boolean> delete(String documentId) {
    return records
        .get(documentId)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture(false);
              }
              VectorFilter filter = VectorFilter.eq("documentId", documentId);
              List<Future<Long>> removals =
                  embeddingModels().stream()
                      .map(m -> tenant.vectors(collection(m)).deleteWhere(filter))
                      .toList();
              return Future.all(removals).compose(v -> records.delete(documentId));
            });
  }

  /**
   * Records an ingestion's embedding tokens against the plugin's {@code embedding_tokens} meter,
   * once per generation of the document, and waits until they are recorded; a plugin that does not
   * declare the meter (the meter refuses with {@link IllegalArgumentException}) is simply not
   * billed for them. (A search embeds through the inference client given to this knowledge base,
   * which on Atrium bills the request being served.)
   */
  private void meterIngestion(long tokens, String generation) {
    if (tokens > 0) {
      usage
          .record(tenant.tenantId(), EMBEDDING_TOKENS, tokens, "ingest:" + generation)
          .recover(
              failure ->
                  failure instanceof IllegalArgumentException
                      ? Future.succeededFuture()
                      : Future.failedFuture(failure))
          .await();
    }
  }

  /** The vector collection of one embedding model. */
  private String collection(String modelId) {
    return "kb-" + name + "-" + modelId;
  }

  private List<String> embeddingModels() {
    return models.models().stream()
        .filter(m -> m.task() == Task.EMBEDDING)
        .map(ModelInfo::id)
        .toList();
  }

  private static KnowledgeHit toHit(VectorMatch match) {
    var m = match.metadata();
    String headings = m.getOrDefault("headings", "");
    return new KnowledgeHit(
        m.getOrDefault("documentId", ""),
        m.getOrDefault("title", ""),
        match.id(),
        headings.isEmpty()
            ? List.of()
            : Arrays.asList(headings.split(KnowledgeRecords.HEADING_SEPARATOR)),
        m.getOrDefault("text", ""),
        Optional.ofNullable(m.get("question")),
        // The index scores cosine similarity as (1 + cos) / 2; hits report the cosine itself.
        2 * match.score() - 1);
  }

  /** One ingestion: embed every chunk, write the new generation, drop the old one. */
  private final class IngestionRun {
    private final String documentId;
    private final String generation;
    private final ParsedDocument parsed;
    private final Optional<String> previousGeneration;

    IngestionRun(
        String documentId,
        String generation,
        ParsedDocument parsed,
        Optional<String> previousGeneration) {
      this.documentId = documentId;
      this.generation = generation;
      this.parsed = parsed;
      this.previousGeneration = previousGeneration;
    }

    void execute(JobProgress progress) throws Exception {
      try {
        List<IndexedText> texts = IndexedText.of(documentId, generation, parsed, chunker);
        ChunkEmbedder embedder = new ChunkEmbedder(inference, tenant.tenantId(), EMBED_TIMEOUT);
        ChunkEmbedder.Result embedded = embedder.embed(texts, progress);
        for (var entry : embedded.entriesByModel().entrySet()) {
          tenant.vectors(collection(entry.getKey())).upsert(entry.getValue()).await();
        }
        previousGeneration.ifPresent(
            old -> {
              VectorFilter filter =
                  VectorFilter.eq("documentId", documentId).and("generation", old);
              embeddingModels()
                  .forEach(m -> tenant.vectors(collection(m)).deleteWhere(filter).await());
            });
        // Billed before shown ready: a process that dies in between leaves the document failed
        // as interrupted and the computed embedding billed once (its key is the generation),
        // never a ready document whose embedding nobody paid for.
        meterIngestion(embedded.tokens(), generation);
        records.finish(documentId, texts.size(), embedded.tokens(), generation).await();
        progress.update(1.0, "indexed " + texts.size() + " chunks");
      } catch (Exception e) {
        records.fail(documentId, e.getMessage() == null ? e.toString() : e.getMessage()).await();
        throw e;
      }
    }
  }
}
