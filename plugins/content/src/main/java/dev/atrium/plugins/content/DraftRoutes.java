package dev.atrium.plugins.content;

import static dev.atrium.plugins.content.ContentPlugin.guarded;

import dev.atrium.plugin.api.JsonSchema;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.api.PluginRoutes;
import dev.atrium.plugin.api.RouteDoc;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/** {@code /drafts}: versions, diffs and the approval flow. */
final class DraftRoutes {
  private static final JsonObject VERSION_NUMBER =
      JsonSchema.integer().put("minimum", 1).put("maximum", 9999);
  private static final Set<String> STATES = Set.of("draft", "in_review", "approved", "rejected");

  private final PluginContext context;

  DraftRoutes(PluginContext context) {
    this.context = context;
  }

  void declare(PluginRoutes routes) {
    routes.get(
        "/drafts",
        RouteDoc.of("The tenant's drafts, newest versions summarised")
            .query(
                "state",
                false,
                JsonSchema.oneOf("draft", "in_review", "approved", "rejected"),
                "Only drafts in this state")
            .responds(200, "The drafts", ContentSchemas.DRAFTS)
            .responds(400, "An unknown state"),
        guarded(this::list));
    routes.get(
        "/drafts/{id}",
        RouteDoc.of("One draft with its versions and history")
            .responds(200, "The draft", ContentSchemas.DRAFT)
            .responds(404, "No such draft"),
        guarded(this::get));
    routes.put(
        "/drafts/{id}",
        RouteDoc.of("Edit: a new version (text, note?)")
            .body(ContentSchemas.EDIT)
            .responds(200, "The draft with its new version", ContentSchemas.DRAFT)
            .responds(404, "No such draft")
            .responds(409, "In review or approved: locked"),
        guarded(this::edit));
    routes.get(
        "/drafts/{id}/diff",
        RouteDoc.of("Word-level diff between two versions (default: the last two)")
            .query("from", false, VERSION_NUMBER, "The older version (default: the one before to)")
            .query("to", false, VERSION_NUMBER, "The newer version (default: the latest)")
            .responds(200, "The runs that turn from into to", ContentSchemas.DIFF)
            .responds(400, "A version that is not a number")
            .responds(404, "No such draft or version"),
        guarded(this::diff));
    routes.post(
        "/drafts/{id}/submit",
        moving("draft -> in_review"),
        guarded(r -> move(r, "submitted", "in_review")));
    routes.post(
        "/drafts/{id}/approve",
        moving("in_review -> approved; refused while the latest version holds a banned term")
            .responds(422, "Banned terms in the text"),
        guarded(r -> move(r, "approved", "approved")));
    routes.post(
        "/drafts/{id}/reject",
        moving("in_review -> rejected (note?)"),
        guarded(r -> move(r, "rejected", "rejected")));
  }

  /** A step of the approval flow: an optional note in, the moved draft out. */
  private static RouteDoc moving(String summary) {
    return RouteDoc.of(summary)
        .body(ContentSchemas.MOVE)
        .responds(200, "The draft in its new state", ContentSchemas.DRAFT)
        .responds(404, "No such draft")
        .responds(409, "Not allowed from the draft's state");
  }

  private Drafts drafts(PluginRequest request) {
    return new Drafts(context.tenant(request.tenantId()).documents());
  }

  private Future<PluginResponse> list(PluginRequest request) {
    String state = request.queryParam("state").orElse(null);
    if (state != null && !STATES.contains(state)) {
      throw new ContentProblem(400, "invalid_query", "state must be one of " + STATES + ".");
    }
    return Future.succeededFuture(
        PluginResponse.json(
            new JsonObject()
                .put("data", new JsonArray(java.util.List.copyOf(drafts(request).list(state))))));
  }

  private Future<PluginResponse> get(PluginRequest request) {
    return Future.succeededFuture(
        PluginResponse.json(drafts(request).get(request.pathParam("id"))));
  }

  private Future<PluginResponse> edit(PluginRequest request) {
    JsonFields body = JsonFields.of(request, Set.of("text", "note"));
    String text = body.text("text", OutputShape.MAX_CHARS);
    Studio studio = studio(request);
    Moderation.Verdict verdict = studio.check(text);
    String id = request.pathParam("id");
    JsonObject draft =
        drafts(request)
            .addVersion(
                id,
                text,
                new JsonObject().put("kind", "edit").put("note", body.text("note", 500, null)),
                verdict.toJson(),
                ContentPlugin.who(request));
    Await.result(studio.index(id, text));
    return Future.succeededFuture(PluginResponse.json(draft));
  }

  private Future<PluginResponse> diff(PluginRequest request) {
    JsonObject draft = drafts(request).get(request.pathParam("id"));
    int count = draft.getJsonArray("versions").size();
    int to = number(request, "to", count);
    int from = number(request, "from", Math.max(1, to - 1));
    JsonObject a = Drafts.version(draft, from);
    JsonObject b = Drafts.version(draft, to);
    return Future.succeededFuture(
        PluginResponse.json(
            new JsonObject()
                .put("draftId", draft.getString("id"))
                .put("from", from)
                .put("to", to)
                .put("changes", TextDiff.diff(a.getString("text"), b.getString("text")))));
  }

  private Future<PluginResponse> move(PluginRequest request, String action, String to) {
    JsonFields body = JsonFields.of(request, Set.of("note"));
    Drafts drafts = drafts(request);
    JsonObject draft = drafts.get(request.pathParam("id"));
    if (to.equals("approved")) {
      Moderation.Verdict verdict = studio(request).check(Drafts.latest(draft).getString("text"));
      if (verdict.status() == Moderation.Status.FLAGGED) {
        throw new ContentProblem(
            422,
            "banned_terms",
            "The latest version holds banned terms, so it cannot be approved; edit it first.",
            Map.of("moderation", verdict.toJson()));
      }
    }
    String note = body.text("note", 500, null);
    String from = draft.getString("state");
    JsonObject moved = drafts.transition(draft, action, to, ContentPlugin.who(request), note);
    Await.result(
        context
            .audit()
            .record(
                request,
                "draft." + action,
                moved.getString("id"),
                new JsonObject()
                    .put("from", from)
                    .put("to", to)
                    .put("version", moved.getJsonArray("versions").size())
                    .put("note", note)));
    return Future.succeededFuture(PluginResponse.json(moved));
  }

  private Studio studio(PluginRequest request) {
    return Studio.of(context, request);
  }

  private static int number(PluginRequest request, String name, int fallback) {
    String value = request.queryParam(name).orElse(null);
    if (value == null) {
      return fallback;
    }
    if (!value.matches("\\d{1,4}")) {
      throw new ContentProblem(400, "invalid_query", name + " must be a version number.");
    }
    return Integer.parseInt(value);
  }

  /** The dashboard panel's table: the latest drafts. */
  static Future<PluginResponse> panel(PluginContext context, PluginRequest request) {
    JsonArray rows = new JsonArray();
    new Drafts(context.tenant(request.tenantId()).documents())
        .list(null).stream()
            .limit(50)
            .forEach(
                d ->
                    rows.add(
                        new JsonArray()
                            .add(d.getString("title"))
                            .add(d.getString("state"))
                            .add(d.getInteger("versions"))
                            .add(d.getJsonObject("moderation").getString("status"))
                            .add(d.getString("updatedAt"))));
    return Future.succeededFuture(
        PluginResponse.json(
            new JsonObject()
                .put(
                    "columns",
                    new JsonArray()
                        .add("Title")
                        .add("State")
                        .add("Versions")
                        .add("Moderation")
                        .add("Updated"))
                .put("rows", rows)));
  }
}
