package dev.atrium.plugins.content;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.Document;
import dev.atrium.plugin.api.JobStatus;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.TenantServices;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One tenant's batch jobs: a CSV (one row, one item's variables) checked, then run in the
 * background by {@link BatchRun} with progress, cancellable, with per-row results readable as JSON
 * or CSV while it runs and after.
 */
final class Batches {
  static final String COLLECTION = "batches";
  static final int MAX_CSV_BYTES = 512 * 1024;
  static final int MAX_ROWS = 2000;
  private static final int PAGE = 1000;
  private static final String[] RESULT_COLUMNS = {
    "row", "line", "status", "code", "error", "draftId", "text"
  };

  private final PluginContext context;
  private final TenantServices tenant;

  Batches(PluginContext context, String tenantId) {
    this.context = requireNonNull(context, "context is null");
    this.tenant = context.tenant(tenantId);
  }

  /** Checks the CSV against the template, stores it and starts the job. */
  JsonObject start(Template template, Buffer csv, String by) {
    if (csv.length() > MAX_CSV_BYTES) {
      throw new ContentProblem(
          413,
          "csv_too_large",
          "The CSV file is larger than " + MAX_CSV_BYTES + " bytes; split it.");
    }
    CsvTable table = CsvTable.parse(csv.getBytes());
    if (table.rows().size() > MAX_ROWS) {
      throw new ContentProblem(
          413,
          "too_many_rows",
          "A batch holds at most " + MAX_ROWS + " rows; this one has " + table.rows().size() + ".");
    }
    Set<String> columns = new HashSet<>();
    for (String column : table.header()) {
      if (template.variable(column).isEmpty()) {
        throw new ContentProblem(
            400,
            "unknown_column",
            "Column '"
                + column
                + "' is not a variable of template '"
                + template.id()
                + "'; its variables are "
                + template.variables().stream().map(Variable::name).toList()
                + ".",
            Map.of("variable", column));
      }
      if (!columns.add(column)) {
        throw new ContentProblem(
            400,
            "duplicate_column",
            "Column '" + column + "' appears twice.",
            Map.of("variable", column));
      }
    }
    for (Variable v : template.variables()) {
      if (v.required() && !columns.contains(v.name())) {
        throw new ContentProblem(
            400,
            "missing_variable",
            "The CSV has no column for required variable '" + v.name() + "'.",
            Map.of("variable", v.name()));
      }
    }
    String id = "b-" + Drafts.newId().substring(2);
    String tenantId = tenant.tenantId();
    JsonObject batch =
        new JsonObject()
            .put("id", id)
            .put("templateId", template.id())
            .put("rows", table.rows().size())
            .put("columns", new JsonArray(table.header()))
            .put("createdBy", by)
            .put("createdAt", Instant.now().toString());
    Promise<Void> stop = Promise.promise();
    JobStatus job =
        context
            .scheduler()
            .submit(
                tenantId,
                "content batch " + id,
                progress -> {
                  Studio studio =
                      new Studio(
                          context,
                          tenantId,
                          by,
                          Instant.now().plusSeconds(3600),
                          stop.future(),
                          TokenMeters.own(context.usage(), tenantId));
                  new BatchRun(
                          id,
                          template,
                          table,
                          studio,
                          tenant.documents(),
                          context.usage(),
                          tenantId,
                          context.logger())
                      .run(progress, stop);
                });
    batch.put("jobId", job.id());
    Await.result(tenant.documents().put(COLLECTION, id, batch));
    return status(batch);
  }

  JsonObject get(String id) {
    return status(find(id));
  }

  List<JsonObject> list() {
    return Await.result(tenant.documents().list(COLLECTION, 200)).stream()
        .map(d -> status(d.data()))
        .toList();
  }

  boolean cancel(String id) {
    return context.scheduler().cancel(find(id).getString("jobId"));
  }

  /** The stored rows in order; rows not run (yet, or because of a cancel) are absent. */
  List<JsonObject> rows(String id) {
    find(id);
    return storedRows(id);
  }

  /** The stored rows of a batch, read page by page (the store answers at most 1,000 at once). */
  private List<JsonObject> storedRows(String id) {
    List<JsonObject> rows = new ArrayList<>();
    String after = null;
    while (true) {
      List<Document> page =
          Await.result(tenant.documents().list(BatchRun.ROWS, id + "/", after, PAGE));
      page.forEach(d -> rows.add(d.data()));
      if (page.size() < PAGE) {
        return rows;
      }
      after = page.get(page.size() - 1).id();
    }
  }

  JsonObject resultsJson(String id) {
    JsonObject batch = get(id);
    return batch.put("results", new JsonArray(List.copyOf(rows(id))));
  }

  String resultsCsv(String id) {
    JsonObject batch = find(id);
    List<String> columns = batch.getJsonArray("columns").stream().map(String::valueOf).toList();
    StringBuilder csv = new StringBuilder();
    csv.append(columns.stream().map(Batches::cell).collect(Collectors.joining(",")));
    for (String c : RESULT_COLUMNS) {
      csv.append(',').append(c.equals("row") || columns.contains(c) ? "result_" + c : c);
    }
    csv.append("\r\n");
    for (JsonObject row : rows(id)) {
      JsonObject vars = row.getJsonObject("variables");
      csv.append(
          columns.stream().map(c -> cell(vars.getString(c, ""))).collect(Collectors.joining(",")));
      for (String c : RESULT_COLUMNS) {
        Object value = row.getValue(c);
        csv.append(',').append(cell(value == null ? "" : String.valueOf(value)));
      }
      csv.append("\r\n");
    }
    return csv.toString();
  }

  private JsonObject find(String id) {
    return Await.result(tenant.documents().get(COLLECTION, id))
        .map(Document::data)
        .orElseThrow(() -> ContentProblem.notFound("batch", id));
  }

  private JsonObject status(JsonObject batch) {
    Optional<JobStatus> job = context.scheduler().status(batch.getString("jobId"));
    JsonObject counts = new JsonObject().put("done", 0).put("flagged", 0).put("failed", 0);
    for (JsonObject row : storedRows(batch.getString("id"))) {
      String status = row.getString("status");
      counts.put(status, counts.getInteger(status, 0) + 1);
    }
    int finished =
        counts.getInteger("done") + counts.getInteger("flagged") + counts.getInteger("failed");
    counts.put("pending", batch.getInteger("rows") - finished);
    JsonObject out = batch.copy().put("counts", counts);
    job.ifPresentOrElse(
        j ->
            out.put("state", j.state().name().toLowerCase(Locale.ROOT))
                .put("progress", j.progress())
                .put("message", j.message())
                .put("error", j.error().orElse(null)),
        () ->
            out.put("state", finished == batch.getInteger("rows") ? "succeeded" : "interrupted")
                .put("progress", (double) finished / batch.getInteger("rows")));
    return out;
  }

  private static String cell(String value) {
    if (value.isEmpty()) {
      return "";
    }
    String safe = "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
        ? "\"" + safe.replace("\"", "\"\"") + "\""
        : safe;
  }
}
