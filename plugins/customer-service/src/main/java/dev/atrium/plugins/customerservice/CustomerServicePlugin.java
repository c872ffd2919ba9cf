package dev.atrium.plugins.customerservice;

import static java.util.Objects.requireNonNull;

import dev.atrium.plugin.api.AtriumPlugin;
import dev.atrium.plugin.api.DashboardPanel;
import dev.atrium.plugin.api.JobStatus;
import dev.atrium.plugin.api.KnowledgeBase;
import dev.atrium.plugin.api.KnowledgeException;
import dev.atrium.plugin.api.KnowledgeUpload;
import dev.atrium.plugin.api.MeterDefinition;
import dev.atrium.plugin.api.ModelRequirement;
import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.PluginResponse;
import dev.atrium.plugin.api.PluginRoutes;
import dev.atrium.plugin.api.RouteDoc;
import dev.atrium.plugin.api.RouteHandler;
import dev.atrium.plugin.api.TenantServices;
import dev.atrium.plugin.api.inference.Task;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Customer service: answers customers from the tenant's own knowledge base with citations, knows
 * when to hand off to a human, keeps conversations, learns the tenant's intents. Routes live under
 * {@code /v1/customer-service/}.
 */
public final class CustomerServicePlugin implements AtriumPlugin {
  static final String KNOWLEDGE_BASE = "support";
  private static final int MAX_QUESTION = 2000;
  private static final int MAX_SEARCH = 20;

  private final PluginContext context;

  public CustomerServicePlugin(PluginContext context) {
    this.context = requireNonNull(context, "context is null");
  }

  private static final JsonObject STRING = new JsonObject().put("type", "string");

  @Override
  public void routes(PluginRoutes routes) {
    routes.post(
        "/documents",
        RouteDoc.of(
                "Upload a document (raw body; ?fileName=, ?documentId= to replace); ingested in the background")
            .rawBody(
                "text/plain",
                "text/markdown",
                "text/html",
                "application/pdf",
                "text/csv",
                "application/json",
                "application/octet-stream")
            .query(
                "fileName",
                false,
                STRING,
                "The document's file name; its extension tells the format of an"
                    + " application/octet-stream body (default: upload)")
            .query("documentId", false, STRING, "Replace this document instead of adding one")
            .responds(202, "Accepted: the document and its ingestion job", CsSchemas.DOCUMENT)
            .responds(400, "Empty, malformed or unreadable document")
            .responds(413, "Document too large")
            .responds(415, "Unsupported document type"),
        guarded(this::upload));
    routes.get(
        "/documents",
        RouteDoc.of("List the knowledge base's documents")
            .responds(200, "The documents", CsSchemas.DOCUMENTS),
        guarded(this::listDocuments));
    routes.get(
        "/documents/{id}",
        RouteDoc.of("One document with its ingestion progress")
            .responds(200, "The document", CsSchemas.DOCUMENT)
            .responds(404, "No such document"),
        guarded(this::getDocument));
    routes.delete(
        "/documents/{id}",
        RouteDoc.of("Delete a document and its chunks")
            .responds(204, "Deleted")
            .responds(404, "No such document"),
        guarded(this::deleteDocument));
    routes.get(
        "/jobs/{id}",
        RouteDoc.of("Progress of a background job (ingestion, intent training)")
            .responds(200, "The job", CsSchemas.JOB)
            .responds(404, "No such job of this tenant"),
        guarded(this::job));
    routes.post(
        "/answer",
        RouteDoc.of(
                "Answer a customer's question with citations, or hand off to a human; with"
                    + " \"stream\": true or Accept: text/event-stream, server-sent events"
                    + " (retrieval, token, result, [DONE])")
            .body(
                new JsonObject()
                    .put("type", "object")
                    .put("required", new JsonArray().add("question"))
                    .put("additionalProperties", false)
                    .put(
                        "properties",
                        new JsonObject()
                            .put(
                                "question",
                                new JsonObject()
                                    .put("type", "string")
                                    .put("maxLength", MAX_QUESTION))
                            .put("conversationId", new JsonObject().put("type", "string"))
                            .put("topK", topKSchema(10))
                            .put("stream", new JsonObject().put("type", "boolean"))))
            .responds(200, "The answer, or a hand-off", CsSchemas.ANSWER)
            .responds(
                200,
                "With stream: server-sent events ending with [DONE]",
                "text/event-stream",
                CsSchemas.ANSWER_EVENTS),
        guarded(this::answer));
    routes.post(
        "/search",
        RouteDoc.of(
                "Retrieval test: the passages that would answer a question, best first, without"
                    + " answering it")
            .body(
                new JsonObject()
                    .put("type", "object")
                    .put("required", new JsonArray().add("query"))
                    .put("additionalProperties", false)
                    .put(
                        "properties",
                        new JsonObject()
                            .put(
                                "query",
                                new JsonObject()
                                    .put("type", "string")
                                    .put("maxLength", MAX_QUESTION))
                            .put("topK", topKSchema(MAX_SEARCH))))
            .responds(200, "The passages, best first", CsSchemas.SEARCH)
            .responds(400, "Missing, empty or too long query; topK out of range; unknown field")
            .responds(415, "The body is not JSON"),
        guarded(this::search));
    routes.get(
        "/conversations",
        RouteDoc.of(
                "Recent conversations, newest first, each with its summary (first question, last"
                    + " answer, intents, hand-off, feedback counts)")
            .responds(200, "The conversations", CsSchemas.CONVERSATIONS),
        guarded(this::conversations));
    routes.get(
        "/conversations/{id}",
        RouteDoc.of("One conversation with its turns")
            .responds(200, "The conversation", CsSchemas.CONVERSATION)
            .responds(404, "No such conversation"),
        guarded(this::conversation));
    routes.get(
        "/conversations/{id}/summary",
        RouteDoc.of("Extractive summary for the human agent")
            .responds(200, "The summary", CsSchemas.SUMMARY)
            .responds(404, "No such conversation"),
        guarded(this::summary));
    routes.post(
        "/feedback",
        RouteDoc.of("Helpful / not helpful on an answer")
            .body(
                new JsonObject()
                    .put("type", "object")
                    .put(
                        "required",
                        new JsonArray().add("conversationId").add("turn").add("helpful"))
                    .put("additionalProperties", false)
                    .put(
                        "properties",
                        new JsonObject()
                            .put(
                                "conversationId",
                                new JsonObject().put("type", "string").put("maxLength", 100))
                            .put(
                                "turn",
                                new JsonObject()
                                    .put("type", "integer")
                                    .put("minimum", 0)
                                    .put("maximum", 10_000))
                            .put("helpful", new JsonObject().put("type", "boolean"))
                            .put(
                                "comment",
                                new JsonObject().put("type", "string").put("maxLength", 2000))))
            .responds(404, "No such answer")
            .responds(204, "Recorded"),
        guarded(this::feedback));
    routes.get(
        "/feedback",
        RouteDoc.of("Feedback given on answers, newest first")
            .query(
                "helpful",
                false,
                new JsonObject().put("type", "boolean"),
                "Only helpful or unhelpful ones")
            .query(
                "limit",
                false,
                new JsonObject().put("type", "integer").put("minimum", 1).put("maximum", 500),
                "At most this many")
            .responds(200, "The feedback", CsSchemas.FEEDBACK)
            .responds(400, "helpful or limit malformed"),
        guarded(this::feedbackList));
    routes.get(
        "/intents",
        RouteDoc.of("The tenant's intents and their example phrases")
            .responds(200, "The intents", CsSchemas.INTENTS),
        guarded(this::intents));
    routes.put(
        "/intents",
        RouteDoc.of("Replace the intents; the classifier retrains in the background")
            .body(IntentDefinitions.SCHEMA)
            .responds(202, "Training started", CsSchemas.TRAINING),
        guarded(this::putIntents));
  }

  @Override
  public JsonObject settingsSchema() {
    return CsSettings.SCHEMA;
  }

  @Override
  public List<MeterDefinition> meters() {
    return List.of(
        new MeterDefinition(
            "questions_answered", "question", "Questions answered (hand-offs included)"),
        new MeterDefinition("ingested_chars", "character", "Characters of documents ingested"),
        new MeterDefinition("embedding_tokens", "token", "Tokens embedded for ingested documents"));
  }

  @Override
  public List<ModelRequirement> models() {
    return List.of(
        ModelRequirement.task(
            Task.EMBEDDING, "retrieval and intent classification, English and Chinese"),
        ModelRequirement.task(
            Task.GENERATION, "generated answers, when a tenant picks a generation model"));
  }

  @Override
  public Optional<DashboardPanel> dashboardPanel() {
    return Optional.of(
        new DashboardPanel(
            "Customer service",
            "Knowledge-base upload with progress, a chat playground with citations, intents and conversations.",
            "/documents",
            DashboardPanel.Kind.TABLE));
  }

  private Future<PluginResponse> upload(PluginRequest request) {
    String fileName = request.queryParam("fileName").orElse("upload");
    String contentType = request.headers().get("Content-Type");
    KnowledgeUpload upload =
        new KnowledgeUpload(
            request.queryParam("documentId"), fileName, contentType, request.body());
    return knowledge(request)
        .ingest(upload)
        .compose(
            document ->
                context
                    .usage()
                    .record(
                        request.tenantId(),
                        "ingested_chars",
                        document.characters(),
                        "ingest:" + document.jobId().orElse(UUID.randomUUID().toString()))
                    .map(
                        v ->
                            PluginResponse.json(
                                202,
                                Json.document(
                                    document,
                                    document.jobId().flatMap(context.scheduler()::status)))))
        .recover(CustomerServicePlugin::refused);
  }

  private Future<PluginResponse> listDocuments(PluginRequest request) {
    return knowledge(request)
        .documents()
        .map(
            docs ->
                PluginResponse.json(
                    new JsonObject()
                        .put(
                            "data",
                            new JsonArray(
                                docs.stream()
                                    .map(d -> (Object) Json.document(d, Optional.empty()))
                                    .toList()))));
  }

  private Future<PluginResponse> getDocument(PluginRequest request) {
    return knowledge(request)
        .document(request.pathParam("id"))
        .map(
            found ->
                found
                    .map(
                        d ->
                            PluginResponse.json(
                                Json.document(d, d.jobId().flatMap(context.scheduler()::status))))
                    .orElseGet(() -> notFound("document")));
  }

  private Future<PluginResponse> deleteDocument(PluginRequest request) {
    return knowledge(request)
        .delete(request.pathParam("id"))
        .map(deleted -> deleted ? PluginResponse.noContent() : notFound("document"));
  }

  private Future<PluginResponse> job(PluginRequest request) {
    Optional<JobStatus> status =
        context
            .scheduler()
            .status(request.pathParam("id"))
            .filter(s -> s.tenantId().equals(request.tenantId()));
    return Future.succeededFuture(
        status.map(s -> PluginResponse.json(Json.job(s))).orElseGet(() -> notFound("job")));
  }

  private Future<PluginResponse> answer(PluginRequest request) {
    JsonObject body = Bodies.json(request, Set.of("question", "conversationId", "topK", "stream"));
    String question = Bodies.requiredString(body, "question", MAX_QUESTION);
    String given = Bodies.optionalString(body, "conversationId", 100);
    AnswerStream stream =
        Bodies.optionalBoolean(body, "stream", false) || acceptsEvents(request)
            ? AnswerStream.to(request.events())
            : AnswerStream.NONE;
    TenantServices tenant = context.tenant(request.tenantId());
    Conversations conversations = new Conversations(tenant.documents());
    Future<Optional<JsonObject>> previous =
        given == null ? Future.succeededFuture(Optional.empty()) : conversations.get(given);
    return Future.all(previous, tenant.settings())
        .compose(
            all -> {
              Optional<JsonObject> conversation = previous.result();
              if (given != null && conversation.isEmpty()) {
                return Future.succeededFuture(notFound("conversation"));
              }
              CsSettings settings = CsSettings.from(tenant.settings().result());
              int topK = Bodies.optionalInt(body, "topK", 1, 10, settings.topK());
              String searchText =
                  FollowUps.resolve(question, conversation.flatMap(Json::lastQuestion));
              String conversationId = given == null ? Conversations.newId() : given;
              Intents intents =
                  new Intents(tenant.documents(), context.inference(), request.tenantId());
              SentenceScorer scorer = new SentenceScorer(context.inference(), request.tenantId());
              GenerativeAnswerer writer =
                  new GenerativeAnswerer(
                      context.inference(), request.tenantId(), request.deadline(), request.done());
              return new Answerer(
                      knowledge(request),
                      intents,
                      scorer,
                      writer,
                      context.models(),
                      settings,
                      context.logger())
                  .answer(question, searchText, topK, stream)
                  .compose(
                      answer ->
                          conversations
                              .append(
                                  conversationId,
                                  new ConversationPrivacy(context.textSafety(), settings)
                                      .turn(answer.copy().put("question", question)))
                              .compose(
                                  turn ->
                                      context
                                          .usage()
                                          .record(
                                              request.tenantId(),
                                              "questions_answered",
                                              1,
                                              "answer:" + conversationId + ":" + turn)
                                          .map(
                                              v ->
                                                  answered(
                                                      answer
                                                          .put("conversationId", conversationId)
                                                          .put("turn", turn),
                                                      stream))));
            });
  }

  private static PluginResponse answered(JsonObject answer, AnswerStream stream) {
    return stream.streaming() ? stream.end(answer) : PluginResponse.json(answer);
  }

  private static boolean acceptsEvents(PluginRequest request) {
    String accept = request.headers().get("Accept");
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/event-stream");
  }

  private static JsonObject topKSchema(int max) {
    return new JsonObject().put("type", "integer").put("minimum", 1).put("maximum", max);
  }

  private Future<PluginResponse> search(PluginRequest request) {
    JsonObject body = Bodies.json(request, Set.of("query", "topK"));
    String query = Bodies.requiredString(body, "query", MAX_QUESTION);
    TenantServices tenant = context.tenant(request.tenantId());
    return tenant
        .settings()
        .compose(
            stored -> {
              CsSettings settings = CsSettings.from(stored);
              int topK = Bodies.optionalInt(body, "topK", 1, MAX_SEARCH, settings.topK());
              return knowledge(request)
                  .search(query, topK)
                  .map(hits -> PluginResponse.json(Json.retrieval(query, hits, settings)));
            });
  }

  private Future<PluginResponse> conversations(PluginRequest request) {
    return new Conversations(context.tenant(request.tenantId()).documents())
        .list(200)
        .map(
            list ->
                PluginResponse.json(
                    new JsonObject().put("data", new JsonArray(List.copyOf(list)))));
  }

  private Future<PluginResponse> conversation(PluginRequest request) {
    return new Conversations(context.tenant(request.tenantId()).documents())
        .get(request.pathParam("id"))
        .map(found -> found.map(PluginResponse::json).orElseGet(() -> notFound("conversation")));
  }

  private Future<PluginResponse> summary(PluginRequest request) {
    return new Conversations(context.tenant(request.tenantId()).documents())
        .get(request.pathParam("id"))
        .map(
            found ->
                found
                    .map(c -> PluginResponse.json(Conversations.summarize(c)))
                    .orElseGet(() -> notFound("conversation")));
  }

  private Future<PluginResponse> feedback(PluginRequest request) {
    JsonObject body = Bodies.json(request, Set.of("conversationId", "turn", "helpful", "comment"));
    String conversationId = Bodies.requiredString(body, "conversationId", 100);
    int turn = Bodies.optionalInt(body, "turn", 0, 10_000, -1);
    if (turn < 0) {
      throw Bodies.invalid("turn", "is required");
    }
    if (!(body.getValue("helpful") instanceof Boolean helpful)) {
      throw Bodies.invalid("helpful", "is required and must be true or false");
    }
    String comment = Bodies.optionalString(body, "comment", 2000);
    TenantServices tenant = context.tenant(request.tenantId());
    return tenant
        .settings()
        .compose(
            settings -> {
              ConversationPrivacy privacy =
                  new ConversationPrivacy(context.textSafety(), CsSettings.from(settings));
              return new Conversations(tenant.documents())
                  .feedback(conversationId, turn, helpful, privacy.comment(comment));
            })
        .map(found -> found ? PluginResponse.noContent() : notFound("answer"));
  }

  private Future<PluginResponse> feedbackList(PluginRequest request) {
    Optional<Boolean> helpful =
        request
            .queryParam("helpful")
            .map(
                v ->
                    switch (v) {
                      case "true" -> true;
                      case "false" -> false;
                      default -> throw Bodies.invalid("helpful", "must be true or false");
                    });
    int limit = Bodies.queryInt(request, "limit", 1, 500, 100);
    return new Conversations(context.tenant(request.tenantId()).documents())
        .feedback(helpful, limit)
        .map(
            list ->
                PluginResponse.json(
                    new JsonObject().put("data", new JsonArray(List.copyOf(list)))));
  }

  private Future<PluginResponse> intents(PluginRequest request) {
    TenantServices tenant = context.tenant(request.tenantId());
    return new Intents(tenant.documents(), context.inference(), request.tenantId())
        .definitions()
        .map(PluginResponse::json);
  }

  private Future<PluginResponse> putIntents(PluginRequest request) {
    JsonObject definitions = IntentDefinitions.validate(Bodies.json(request, Set.of("intents")));
    TenantServices tenant = context.tenant(request.tenantId());
    Intents intents = new Intents(tenant.documents(), context.inference(), request.tenantId());
    return intents
        .saveDefinitions(definitions)
        .map(
            v -> {
              JobStatus job =
                  context
                      .scheduler()
                      .submit(
                          request.tenantId(),
                          "train intents",
                          progress -> {
                            progress.update(0.1, "embedding examples");
                            intents.train(definitions);
                            progress.update(1.0, "trained");
                          });
              return PluginResponse.json(202, definitions.copy().put("job", Json.job(job)));
            });
  }

  private KnowledgeBase knowledge(PluginRequest request) {
    return context.tenant(request.tenantId()).knowledge(KNOWLEDGE_BASE);
  }

  /** Turns a refused body or document into its problem response. */
  private static RouteHandler guarded(RouteHandler handler) {
    return request -> {
      try {
        return handler.handle(request).recover(CustomerServicePlugin::refused);
      } catch (Bodies.Refusal refusal) {
        return Future.succeededFuture(refusal.response);
      }
    };
  }

  private static Future<PluginResponse> refused(Throwable failure) {
    if (failure instanceof Bodies.Refusal refusal) {
      return Future.succeededFuture(refusal.response);
    }
    if (failure instanceof KnowledgeException e) {
      int status =
          switch (e.code()) {
            case "unsupported_format" -> 415;
            case "document_too_large" -> 413;
            default -> 400;
          };
      return Future.succeededFuture(PluginResponse.problem(status, e.code(), e.getMessage()));
    }
    return Future.failedFuture(failure);
  }

  private static PluginResponse notFound(String what) {
    return PluginResponse.problem(404, "not_found", "The " + what + " does not exist.");
  }
}
