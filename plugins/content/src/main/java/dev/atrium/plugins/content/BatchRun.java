package dev.atrium.plugins.content;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.DocumentStore;
import dev.atrium.plugin.api.JobProgress;
import dev.atrium.plugin.api.UsageMeter;
import dev.atrium.plugin.api.inference.PoolFullException;
import dev.atrium.plugin.api.inference.TenantOverShareException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * Runs one batch job: every row of the CSV through the template, at most {@code concurrency} rows
 * at once on the shared pool (the tenant's fair share is the pool's to keep; a row the pool turns
 * away as over the tenant's share or full is queued again after a pause). A row that cannot be
 * generated is stored as failed with its reason; the job goes on. Each finished row is stored at
 * once in {@code batch-rows}, so progress and results can be read while it runs.
 */
final class BatchRun {
  static final String ROWS = "batch-rows";
  private static final int MAX_RETRIES = 8;
  private static final int INDEX_BATCH = 32;
  private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

  private final String batchId;
  private final Template template;
  private final CsvTable table;
  private final Studio studio;
  private final DocumentStore documents;
  private final UsageMeter usage;
  private final Logger logger;
  private final Map<String, String> unindexed = new ConcurrentHashMap<>();
  private final List<Future<Void>> indexing = new CopyOnWriteArrayList<>();
  private final String tenantId;
  private final int concurrency;

  BatchRun(
      String batchId,
      Template template,
      CsvTable table,
      Studio studio,
      DocumentStore documents,
      UsageMeter usage,
      String tenantId,
      Logger logger) {
    this.batchId = requireNonNull(batchId, "batchId is null");
    this.template = requireNonNull(template, "template is null");
    this.table = requireNonNull(table, "table is null");
    this.studio = requireNonNull(studio, "studio is null");
    this.documents = requireNonNull(documents, "documents is null");
    this.usage = requireNonNull(usage, "usage is null");
    this.tenantId = requireNonNull(tenantId, "tenantId is null");
    this.logger = requireNonNull(logger, "logger is null");
    this.concurrency = studio.settings().batchConcurrency();
  }

  static String rowId(String batchId, int row) {
    return batchId + "/" + String.format("%05d", row);
  }

  private record Item(CsvTable.Row row, int attempt) {}

  /** Runs every row; returns whether it was cancelled before the end. */
  boolean run(JobProgress progress, Promise<Void> stop) {
    int total = table.rows().size();
    BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    table.rows().forEach(r -> queue.add(new Item(r, 0)));
    Semaphore permits = new Semaphore(concurrency);
    AtomicInteger finished = new AtomicInteger();
    progress.update(0, "0 of " + total + " rows");
    long started = System.nanoTime();
    AtomicInteger retries = new AtomicInteger();
    try {
      while (finished.get() < total) {
        if (progress.cancelled()) {
          return true;
        }
        Item item = queue.poll(200, TimeUnit.MILLISECONDS);
        if (item == null) {
          continue;
        }
        if (item.attempt() > 0) {
          Thread.sleep(RETRY_PAUSE.toMillis() * item.attempt());
        }
        permits.acquire();
        row(item.row())
            .onComplete(
                done -> {
                  permits.release();
                  if (done.failed() && retryable(done.cause()) && item.attempt() < MAX_RETRIES) {
                    retries.incrementAndGet();
                    queue.add(new Item(item.row(), item.attempt() + 1));
                    return;
                  }
                  JsonObject result =
                      done.succeeded() ? done.result() : failed(item.row(), done.cause());
                  documents
                      .put(ROWS, rowId(batchId, result.getInteger("row")), result)
                      .onComplete(
                          stored -> {
                            int n = finished.incrementAndGet();
                            progress.update((double) n / total, n + " of " + total + " rows");
                          });
                });
      }
      indexPending();
      Await.result(Future.join(indexing));
      double seconds = (System.nanoTime() - started) / 1e9;
      logger.info(
          "Batch {}: {} rows in {} s ({} rows/s, {} rows retried when the pool was busy)",
          batchId,
          total,
          String.format("%.1f", seconds),
          String.format("%.1f", total / seconds),
          retries.get());
      return false;
    } catch (InterruptedException e) {
      return true;
    } finally {
      stop.tryComplete();
      permits.acquireUninterruptibly(concurrency);
    }
  }

  private static boolean retryable(Throwable failure) {
    return failure instanceof TenantOverShareException || failure instanceof PoolFullException;
  }

  private Future<JsonObject> row(CsvTable.Row row) {
    if (row.error().isPresent()) {
      return Future.succeededFuture(
          base(row)
              .put("status", "failed")
              .put("code", "malformed_row")
              .put("error", "Line " + row.line() + " " + row.error().get() + "."));
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < table.header().size(); i++) {
      values.put(table.header().get(i), row.fields().get(i));
    }
    Studio.Brief brief;
    try {
      brief =
          studio.fromTemplate(
              template,
              VariableValues.fromText(template, values),
              null,
              new JsonObject()
                  .put("kind", "batch")
                  .put("batchId", batchId)
                  .put("row", row.number()));
    } catch (ContentProblem problem) {
      return Future.succeededFuture(
          base(row)
              .put("status", "failed")
              .put("code", problem.code())
              .put("error", problem.getMessage()));
    }
    return studio
        .generate(brief, 1, (long) row.number(), null, null, false)
        .compose(
            answer -> {
              JsonObject variant = answer.getJsonArray("variants").getJsonObject(0);
              String status = variant.getJsonObject("moderation").getString("status");
              return usage
                  .record(tenantId, "batch_rows", 1, "batch:" + batchId + ":" + row.number())
                  .map(
                      v ->
                          base(row)
                              .put("status", status.equals("clean") ? "done" : "flagged")
                              .put("draftId", remember(variant))
                              .put("text", variant.getString("text"))
                              .put("moderation", variant.getJsonObject("moderation"))
                              .put("attempts", variant.getInteger("attempts")));
            });
  }

  /** Keeps a row's draft for the near-duplicate index, which the run fills in batches. */
  private String remember(JsonObject variant) {
    String draftId = variant.getString("draftId");
    unindexed.put(draftId, variant.getString("text"));
    if (unindexed.size() >= INDEX_BATCH) {
      indexPending();
    }
    return draftId;
  }

  private synchronized void indexPending() {
    Map<String, String> batch = new LinkedHashMap<>();
    for (String id : List.copyOf(unindexed.keySet())) {
      String text = unindexed.remove(id);
      if (text != null) {
        batch.put(id, text);
      }
    }
    if (!batch.isEmpty()) {
      indexing.add(studio.index(batch));
    }
  }

  private JsonObject failed(CsvTable.Row row, Throwable cause) {
    String code = cause instanceof ContentProblem p ? p.code() : cause.getClass().getSimpleName();
    return base(row)
        .put("status", "failed")
        .put("code", code)
        .put("error", String.valueOf(cause.getMessage()));
  }

  private JsonObject base(CsvTable.Row row) {
    JsonObject variables = new JsonObject();
    for (int i = 0; i < table.header().size() && i < row.fields().size(); i++) {
      variables.put(table.header().get(i), row.fields().get(i));
    }
    return new JsonObject()
        .put("row", row.number())
        .put("line", row.line())
        .put("variables", variables);
  }
}
