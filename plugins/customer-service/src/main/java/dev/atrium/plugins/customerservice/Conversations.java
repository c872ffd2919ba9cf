package dev.atrium.plugins.customerservice;

import dev.atrium.plugin.api.Document;
import dev.atrium.plugin.api.DocumentStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's conversations, one record each: the turns (question, answer, mode, confidence,
 * hand-off, intent, citations) and the feedback given on them.
 */
final class Conversations {
  static final String COLLECTION = "cs-conversations";
  private static final int MAX_TURNS = 200;

  private final DocumentStore store;

  Conversations(DocumentStore store) {
    this.store = store;
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }

  Future<Optional<JsonObject>> get(String id) {
    return store.get(COLLECTION, id).map(found -> found.map(Conversations::toJson));
  }

  Future<List<JsonObject>> list(int limit) {
    return store
        .list(COLLECTION, limit)
        .map(
            docs ->
                docs.stream()
                    .map(Conversations::toJson)
                    .map(
                        c ->
                            new JsonObject()
                                .put("id", c.getString("id"))
                                .put("updatedAt", c.getString("updatedAt"))
                                .put("turns", c.getJsonArray("turns").size())
                                .put(
                                    "handoff",
                                    c.getJsonArray("turns").stream()
                                        .anyMatch(
                                            t -> ((JsonObject) t).getBoolean("handoff", false))))
                    .toList());
  }

  /** Appends {@code turn} to the conversation (created if new) and answers its turn number. */
  Future<Integer> append(String id, JsonObject turn) {
    return store
        .get(COLLECTION, id)
        .compose(
            found -> {
              JsonObject data =
                  found
                      .map(Document::data)
                      .orElseGet(() -> new JsonObject().put("turns", new JsonArray()));
              JsonArray turns = data.getJsonArray("turns");
              if (turns.size() >= MAX_TURNS) {
                turns.remove(0);
              }
              turns.add(turn.put("at", Instant.now().toString()));
              return store.put(COLLECTION, id, data).map(d -> turns.size() - 1);
            });
  }

  /** Records helpful / not helpful on turn {@code turn}; false when there is no such turn. */
  Future<Boolean> feedback(String id, int turn, boolean helpful, String comment) {
    return store
        .get(COLLECTION, id)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture(false);
              }
              JsonObject data = found.get().data();
              JsonArray turns = data.getJsonArray("turns");
              if (turn < 0 || turn >= turns.size()) {
                return Future.succeededFuture(false);
              }
              turns
                  .getJsonObject(turn)
                  .put(
                      "feedback", new JsonObject().put("helpful", helpful).put("comment", comment));
              return store.put(COLLECTION, id, data).map(d -> true);
            });
  }

  /**
   * An extractive summary for the human agent: what the customer asked, the intents seen, what was
   * answered and whether and why the conversation was handed off.
   */
  static JsonObject summarize(JsonObject conversation) {
    JsonArray turns = conversation.getJsonArray("turns");
    JsonArray asked = new JsonArray();
    JsonArray intents = new JsonArray();
    JsonArray unanswered = new JsonArray();
    boolean handoff = false;
    for (Object o : turns) {
      JsonObject turn = (JsonObject) o;
      asked.add(turn.getString("question"));
      String intent = turn.getString("intent");
      if (intent != null && !intents.contains(intent)) {
        intents.add(intent);
      }
      if (turn.getBoolean("handoff", false)) {
        handoff = true;
        unanswered.add(turn.getString("question"));
      }
    }
    String last =
        turns.isEmpty() ? "" : turns.getJsonObject(turns.size() - 1).getString("answer", "");
    return new JsonObject()
        .put("conversationId", conversation.getString("id"))
        .put("turns", turns.size())
        .put("questions", asked)
        .put("intents", intents)
        .put("handoff", handoff)
        .put("needsHuman", unanswered)
        .put("lastAnswer", last);
  }

  private static JsonObject toJson(Document document) {
    return document
        .data()
        .copy()
        .put("id", document.id())
        .put("updatedAt", document.updatedAt().toString());
  }
}
