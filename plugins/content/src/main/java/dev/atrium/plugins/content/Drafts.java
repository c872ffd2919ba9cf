package dev.atrium.plugins.content;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.Document;
import dev.atrium.plugin.api.DocumentStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One tenant's drafts (collection {@code drafts}): every generated or edited text, with all its
 * versions and its approval state ({@code draft -> in_review -> approved | rejected}; a rejected
 * draft edited goes back to {@code draft}). Who did what and when is kept in the draft's {@code
 * history}: the SDK offers plugins no access to the host's audit log.
 */
final class Drafts {
  static final String COLLECTION = "drafts";
  static final int MAX_VERSIONS = 100;
  static final int MAX_LIST = 500;

  private final DocumentStore documents;

  Drafts(DocumentStore documents) {
    this.documents = requireNonNull(documents, "documents is null");
  }

  static String newId() {
    byte[] random = new byte[8];
    ThreadLocalRandom.current().nextBytes(random);
    return "d-" + HexFormat.of().formatHex(random);
  }

  /**
   * Stores a new draft whose first version is {@code text}.
   *
   * @param origin what wrote it, e.g. {@code {"kind": "generate", "templateId": ...}}
   */
  Future<JsonObject> create(
      String id,
      String title,
      String language,
      String text,
      JsonObject origin,
      JsonObject moderation,
      String by) {
    String now = Instant.now().toString();
    JsonObject draft =
        new JsonObject()
            .put("id", id)
            .put("title", title)
            .put("language", language)
            .put("state", "draft")
            .put("createdAt", now)
            .put("createdBy", by)
            .put("updatedAt", now)
            .put("origin", origin)
            .put("versions", new JsonArray().add(version(1, text, origin, moderation, by, now)))
            .put("history", new JsonArray().add(event("created", null, "draft", by, now, null)));
    return documents.put(COLLECTION, id, draft).map(Document::data);
  }

  JsonObject get(String id) {
    return Await.result(documents.get(COLLECTION, id))
        .map(Document::data)
        .orElseThrow(() -> ContentProblem.notFound("draft", id));
  }

  List<JsonObject> list(String state) {
    return Await.result(documents.list(COLLECTION, MAX_LIST)).stream()
        .map(Document::data)
        .filter(d -> state == null || state.equals(d.getString("state")))
        .map(Drafts::summary)
        .toList();
  }

  /** Adds a version; only a draft or a rejected draft (which goes back to draft) is editable. */
  JsonObject addVersion(
      String id, String text, JsonObject origin, JsonObject moderation, String by) {
    JsonObject draft = get(id);
    String state = draft.getString("state");
    if (!state.equals("draft") && !state.equals("rejected")) {
      throw new ContentProblem(
          409,
          "draft_locked",
          "Draft '" + id + "' is " + state + "; only a draft or a rejected draft can be edited.",
          Map.of("state", state));
    }
    JsonArray versions = draft.getJsonArray("versions");
    if (versions.size() >= MAX_VERSIONS) {
      throw new ContentProblem(
          409, "too_many_versions", "A draft keeps at most " + MAX_VERSIONS + " versions.");
    }
    String now = Instant.now().toString();
    versions.add(version(versions.size() + 1, text, origin, moderation, by, now));
    if (state.equals("rejected")) {
      draft.getJsonArray("history").add(event("edited", state, "draft", by, now, null));
      draft.put("state", "draft");
    }
    draft.put("updatedAt", now);
    return Await.result(documents.put(COLLECTION, id, draft)).data();
  }

  /**
   * Moves the draft to {@code to} if the transition is allowed from its state (409 {@code
   * invalid_transition} otherwise), recording who and when.
   */
  JsonObject transition(JsonObject draft, String action, String to, String by, String note) {
    String from = draft.getString("state");
    boolean allowed =
        switch (to) {
          case "in_review" -> from.equals("draft");
          case "approved", "rejected" -> from.equals("in_review");
          default -> false;
        };
    if (!allowed) {
      throw new ContentProblem(
          409,
          "invalid_transition",
          "Draft '" + draft.getString("id") + "' is " + from + "; it cannot be " + action + ".",
          Map.of("state", from));
    }
    String now = Instant.now().toString();
    draft.put("state", to).put("updatedAt", now);
    draft.getJsonArray("history").add(event(action, from, to, by, now, note));
    return Await.result(documents.put(COLLECTION, draft.getString("id"), draft)).data();
  }

  /** Version {@code n} (from 1) of the draft, or 404 {@code version_not_found}. */
  static JsonObject version(JsonObject draft, int n) {
    JsonArray versions = draft.getJsonArray("versions");
    if (n < 1 || n > versions.size()) {
      throw new ContentProblem(
          404,
          "version_not_found",
          "Draft '" + draft.getString("id") + "' has versions 1 to " + versions.size() + ".");
    }
    return versions.getJsonObject(n - 1);
  }

  static JsonObject latest(JsonObject draft) {
    JsonArray versions = draft.getJsonArray("versions");
    return versions.getJsonObject(versions.size() - 1);
  }

  static JsonObject summary(JsonObject draft) {
    JsonObject latest = latest(draft);
    String text = latest.getString("text");
    return new JsonObject()
        .put("id", draft.getString("id"))
        .put("title", draft.getString("title"))
        .put("language", draft.getString("language"))
        .put("state", draft.getString("state"))
        .put("versions", draft.getJsonArray("versions").size())
        .put("moderation", latest.getJsonObject("moderation"))
        .put("preview", text.length() > 160 ? text.substring(0, 160) : text)
        .put("origin", draft.getJsonObject("origin"))
        .put("updatedAt", draft.getString("updatedAt"));
  }

  private static JsonObject version(
      int n, String text, JsonObject origin, JsonObject moderation, String by, String at) {
    return new JsonObject()
        .put("version", n)
        .put("text", text)
        .put("origin", origin.getString("kind"))
        .put("moderation", moderation)
        .put("createdBy", by)
        .put("createdAt", at);
  }

  private static JsonObject event(
      String action, String from, String to, String by, String at, String note) {
    return new JsonObject()
        .put("action", action)
        .put("from", from)
        .put("to", to)
        .put("by", by)
        .put("at", at)
        .put("note", note);
  }
}
