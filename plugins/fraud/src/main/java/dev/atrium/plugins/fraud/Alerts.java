package dev.atrium.plugins.fraud;

import dev.atrium.plugin.api.Document;
import dev.atrium.plugin.api.DocumentStore;
import dev.atrium.plugin.api.StrictJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Alerts and the cases analysts work on them: a review or block decision opens one (id = the
 * transaction's id); an analyst assigns it, adds notes and closes it as confirmed fraud or
 * dismissed, and that outcome becomes the transaction's label for the next training.
 *
 * <p>A score opens its alert in memory and the tenant's state writer stores it behind the request
 * (with the features and the scoring log), so scoring costs no database write; every read of alerts
 * stores the pending ones first, so it sees each alert a score answered with.
 */
final class Alerts {
  static final String COLLECTION = "alerts";
  static final String LABELS = "labels";
  private static final int MAX_NOTE = 4000;
  private static final int FLUSH_CHUNK = 500;

  private final DocumentStore documents;
  private final ReentrantLock writing = new ReentrantLock();
  private Map<String, JsonObject> pending = new LinkedHashMap<>();

  Alerts(DocumentStore documents) {
    this.documents = documents;
  }

  /** Opens the alert of a review or block decision, stored by the next {@link #flush()}. */
  void open(TenantScoring.Scored scored) {
    JsonObject txn = scored.txn().toJson();
    JsonObject alert =
        new JsonObject()
            .put("id", scored.txn().id())
            .put("txn", txn)
            .put("score", Reasons.round(scored.decision().score()))
            .put("decision", scored.decision().action())
            .put("source", scored.source())
            .put("reasons", Reasons.toJson(scored.reasons(), scored.features()))
            .put(
                "rules",
                new JsonArray(
                    scored.decision().hits().stream().map(r -> (Object) r.name()).toList()))
            .put("status", "open")
            .put("notes", new JsonArray())
            .put("createdAt", Instant.now().toString());
    synchronized (this) {
      pending.put(scored.txn().id(), alert);
    }
  }

  /**
   * Stores the alerts opened since the last flush; answers how many. Blocks, and waits for a flush
   * already under way, so a reader that flushes first sees every alert opened before it. Alerts a
   * failed write left unstored stay pending for the next flush.
   */
  int flush() {
    writing.lock();
    try {
      List<Map.Entry<String, JsonObject>> batch;
      synchronized (this) {
        batch = List.copyOf(pending.entrySet());
        pending = new LinkedHashMap<>();
      }
      for (int from = 0; from < batch.size(); from += FLUSH_CHUNK) {
        Map<String, JsonObject> chunk = new LinkedHashMap<>();
        batch
            .subList(from, Math.min(batch.size(), from + FLUSH_CHUNK))
            .forEach(a -> chunk.put(a.getKey(), a.getValue()));
        try {
          documents.putAll(COLLECTION, chunk).await();
        } catch (RuntimeException e) {
          synchronized (this) {
            batch
                .subList(from, batch.size())
                .forEach(a -> pending.putIfAbsent(a.getKey(), a.getValue()));
          }
          throw e;
        }
      }
      return batch.size();
    } finally {
      writing.unlock();
    }
  }

  List<JsonObject> list(String status, int limit) {
    flush();
    return documents.list(COLLECTION, 1000).await().stream()
        .map(Document::data)
        .filter(a -> status == null || status.equals(a.getString("status")))
        .sorted((a, b) -> b.getString("createdAt").compareTo(a.getString("createdAt")))
        .limit(limit)
        .toList();
  }

  JsonObject get(String id) {
    flush();
    return documents
        .get(COLLECTION, id)
        .await()
        .map(Document::data)
        .orElseThrow(() -> FraudProblem.notFound("Alert '" + id + "'"));
  }

  JsonObject assign(String id, JsonObject body) {
    String assignee = text(body, "assignee", 200);
    JsonObject alert = open(id);
    alert.put("assignee", assignee).put("status", "assigned");
    return save(alert);
  }

  JsonObject note(String id, JsonObject body) {
    String text = text(body, "text", MAX_NOTE);
    JsonObject alert = get(id);
    alert
        .getJsonArray("notes")
        .add(new JsonObject().put("text", text).put("at", Instant.now().toString()));
    return save(alert);
  }

  /** Closes the case as {@code fraud} or {@code legitimate}; the outcome labels the transaction. */
  JsonObject resolve(String id, JsonObject body) {
    String outcome = body.getValue("outcome") instanceof String o ? o : "";
    if (!outcome.equals("fraud") && !outcome.equals("legitimate")) {
      throw FraudProblem.badRequest(
          "invalid_field", "'outcome' must be 'fraud' (confirmed) or 'legitimate' (dismissed).");
    }
    JsonObject alert = open(id);
    alert.put("status", outcome.equals("fraud") ? "confirmed" : "dismissed");
    alert.put("resolvedAt", Instant.now().toString());
    JsonObject saved = save(alert);
    label(
        id,
        outcome.equals("fraud") ? 1 : 0,
        "case",
        alert.getJsonObject("txn").getString("timestamp"));
    return saved;
  }

  void label(String txnId, int label, String source, String timestamp) {
    documents
        .put(
            LABELS,
            txnId,
            new JsonObject().put("label", label).put("source", source).put("t", timestamp))
        .await();
  }

  /** Every labelled transaction id with its label (1 = fraud). */
  java.util.Map<String, Integer> labels() {
    java.util.Map<String, Integer> labels = new java.util.HashMap<>();
    String after = null;
    while (true) {
      List<Document> page = documents.list(LABELS, "", after, 1000).await();
      for (Document doc : page) {
        labels.put(doc.id(), doc.data().getInteger("label"));
      }
      if (page.size() < 1000) {
        return labels;
      }
      after = page.get(page.size() - 1).id();
    }
  }

  private JsonObject open(String id) {
    JsonObject alert = get(id);
    String status = alert.getString("status");
    if (status.equals("confirmed") || status.equals("dismissed")) {
      throw new FraudProblem(
          409, "case_closed", "Alert '" + id + "' was already closed as " + status + ".");
    }
    return alert;
  }

  private JsonObject save(JsonObject alert) {
    alert.put("updatedAt", Instant.now().toString());
    return documents.put(COLLECTION, alert.getString("id"), alert).await().data();
  }

  private static String text(JsonObject body, String field, int max) {
    if (!(body.getValue(field) instanceof String text)
        || StrictJson.isBlank(text)
        || text.length() > max) {
      throw FraudProblem.badRequest(
          "invalid_field", "'" + field + "' must be a string of 1 to " + max + " characters.");
    }
    return text.strip();
  }
}
