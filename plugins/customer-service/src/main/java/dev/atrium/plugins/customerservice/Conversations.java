package dev.atrium.plugins.customerservice;

import dev.atrium.plugin.api.Document;
import dev.atrium.plugin.api.DocumentStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A tenant's conversations, one record each: the turns (question, answer, mode, confidence,
 * hand-off, intent, citations) and the feedback given on them.
 */
final class Conversations {
  static final String COLLECTION = "cs-conversations";
  private static final int MAX_TURNS = 200;

  /** How many conversations the list and the feedback look at. */
  static final int SCANNED = 1000;

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

  /**
   * The most recently updated of the tenant's conversations (of the first {@link #SCANNED} by id),
   * newest first, each with its summary: first question, last answer, intents, whether it was
   * handed off, and the feedback counts.
   */
  Future<List<JsonObject>> list(int limit) {
    return recent(limit).map(list -> list.stream().map(Conversations::entry).toList());
  }

  /** The feedback given on answers, newest conversation first, {@code helpful} ones only if set. */
  Future<List<JsonObject>> feedback(Optional<Boolean> helpful, int limit) {
    return recent(SCANNED)
        .map(
            list ->
                list.stream()
                    .flatMap(
                        c ->
                            turns(c)
                                .filter(
                                    t ->
                                        helpful
                                            .map(h -> feedbackIs(t, h))
                                            .orElse(t.getJsonObject("feedback") != null))
                                .map(t -> feedbackEntry(c, t)))
                    .limit(limit)
                    .toList());
  }

  private Future<List<JsonObject>> recent(int limit) {
    return store
        .list(COLLECTION, SCANNED)
        .map(
            docs ->
                docs.stream()
                    .sorted(Comparator.comparing(Document::updatedAt).reversed())
                    .limit(limit)
                    .map(Conversations::toJson)
                    .toList());
  }

  private static JsonObject entry(JsonObject c) {
    JsonArray turns = c.getJsonArray("turns");
    JsonObject summary = summarize(c);
    long helpful = turns(c).filter(t -> feedbackIs(t, true)).count();
    long notHelpful = turns(c).filter(t -> feedbackIs(t, false)).count();
    return new JsonObject()
        .put("id", c.getString("id"))
        .put("updatedAt", c.getString("updatedAt"))
        .put("turns", turns.size())
        .put("handoff", summary.getBoolean("handoff"))
        .put("firstQuestion", turns.isEmpty() ? "" : turns.getJsonObject(0).getString("question"))
        .put("lastAnswer", summary.getString("lastAnswer"))
        .put("intents", summary.getJsonArray("intents"))
        .put("needsHuman", summary.getJsonArray("needsHuman").size())
        .put("feedback", new JsonObject().put("helpful", helpful).put("notHelpful", notHelpful));
  }

  private static JsonObject feedbackEntry(JsonObject conversation, JsonObject turn) {
    JsonObject feedback = turn.getJsonObject("feedback");
    return new JsonObject()
        .put("conversationId", conversation.getString("id"))
        .put("turn", turn.getInteger("turn"))
        .put("question", turn.getString("question"))
        .put("answer", turn.getString("answer"))
        .put("mode", turn.getString("mode"))
        .put("helpful", feedback.getBoolean("helpful"))
        .put("comment", feedback.getString("comment"))
        .put("at", feedback.getString("at"));
  }

  private static boolean feedbackIs(JsonObject turn, boolean helpful) {
    JsonObject feedback = turn.getJsonObject("feedback");
    return feedback != null && feedback.getBoolean("helpful") == helpful;
  }

  /** The turns of a conversation, each with its number. */
  private static Stream<JsonObject> turns(JsonObject conversation) {
    JsonArray turns = conversation.getJsonArray("turns");
    return IntStream.range(0, turns.size())
        .mapToObj(i -> turns.getJsonObject(i).copy().put("turn", i));
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
                      "feedback",
                      new JsonObject()
                          .put("helpful", helpful)
                          .put("comment", comment)
                          .put("at", Instant.now().toString()));
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
