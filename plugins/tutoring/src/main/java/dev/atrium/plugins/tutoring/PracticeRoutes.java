package dev.atrium.plugins.tutoring;

import dev.atrium.plugin.api.PluginContext;
import dev.atrium.plugin.api.PluginRequest;
import dev.atrium.plugin.api.PluginResponse;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;

/** What a learner does: next item, answers, learning path, help. */
final class PracticeRoutes {
  private final PluginContext context;
  private final TutoringStore.Cache cache;
  private final ItemCalibrator calibrator;
  private final KeyedSequencer sequencer;
  private final AnswerModeration moderation;

  PracticeRoutes(
      PluginContext context,
      TutoringStore.Cache cache,
      ItemCalibrator calibrator,
      KeyedSequencer sequencer) {
    this.context = context;
    this.cache = cache;
    this.calibrator = calibrator;
    this.sequencer = sequencer;
    this.moderation = new AnswerModeration(context);
  }

  Future<PluginResponse> next(PluginRequest request) {
    JsonObject body = Bodies.json(request, Set.of("learnerId", "courseId", "skill", "policy"));
    String learnerId = Bodies.id(body, "learnerId", CourseRoutes.LEARNER_ID);
    String courseId = Bodies.id(body, "courseId", Course.ID);
    String skill = Bodies.optionalString(body, "skill", 64);
    ItemSelector.Policy policy = policy(Bodies.optionalString(body, "policy", 20));
    return practice(request)
        .compose(p -> p.next(learnerId, courseId, skill, policy))
        .compose(
            next ->
                next.getValue("item") == null
                    ? Future.succeededFuture(PluginResponse.json(next))
                    : context
                        .usage()
                        .record(
                            request.tenantId(),
                            "items_served",
                            1,
                            "next:" + java.util.UUID.randomUUID())
                        .map(v -> PluginResponse.json(next)));
  }

  Future<PluginResponse> respond(PluginRequest request) {
    JsonObject body = Bodies.json(request, Set.of("learnerId", "courseId", "itemId", "answer"));
    String learnerId = Bodies.id(body, "learnerId", CourseRoutes.LEARNER_ID);
    String courseId = Bodies.id(body, "courseId", Course.ID);
    String itemId = Bodies.string(body, "itemId", 64);
    Object answer = body.getValue("answer");
    if (answer == null) {
      throw Problem.invalid("answer", "is required");
    }
    return practice(request)
        .compose(
            p ->
                sequencer.run(
                    request.tenantId() + "/" + courseId + "/" + learnerId,
                    () -> p.respond(learnerId, courseId, itemId, answer, moderation)))
        .compose(
            result ->
                settings(request)
                    .map(
                        s -> {
                          calibrator.answered(request.tenantId(), courseId, s.recalibrateEvery());
                          return PluginResponse.json(result);
                        }));
  }

  Future<PluginResponse> path(PluginRequest request) {
    String learnerId = CourseRoutes.pathId(request, "learnerId", CourseRoutes.LEARNER_ID);
    String courseId =
        request
            .queryParam("courseId")
            .orElseThrow(() -> new Problem(400, "invalid_query", "Query 'courseId' is required."));
    String skill = request.queryParam("skill").orElse(null);
    return practice(request)
        .compose(p -> p.path(learnerId, courseId, skill))
        .map(PluginResponse::json);
  }

  Future<PluginResponse> help(PluginRequest request) {
    JsonObject body = Bodies.json(request, Set.of("courseId", "question", "itemId"));
    String courseId = Bodies.id(body, "courseId", Course.ID);
    String question = Bodies.optionalString(body, "question", 2000);
    String itemId = Bodies.optionalString(body, "itemId", 64);
    if ((question == null) == (itemId == null)) {
      throw new Problem(
          400, "invalid_field", "Send either 'question' (Q&A) or 'itemId' (a hint), not both.");
    }
    TutoringStore store = TutoringPlugin.store(context, cache, request);
    Future<Item> item =
        itemId == null
            ? Future.succeededFuture()
            : store
                .items(courseId)
                .map(
                    items ->
                        items.stream()
                            .filter(i -> i.id().equals(itemId))
                            .findFirst()
                            .orElseThrow(() -> Problem.notFound("item", itemId)));
    return Future.all(item, settings(request))
        .compose(
            all ->
                new Help(
                        context,
                        store,
                        context.tenant(request.tenantId()).knowledge(TutoringPlugin.KNOWLEDGE_BASE),
                        all.resultAt(1),
                        request.tenantId())
                    .answer(courseId, question, all.resultAt(0), request.done()))
        .map(PluginResponse::json);
  }

  private Future<Practice> practice(PluginRequest request) {
    return settings(request)
        .map(
            s ->
                new Practice(
                    context, TutoringPlugin.store(context, cache, request), s, request.tenantId()));
  }

  private Future<TutoringSettings> settings(PluginRequest request) {
    return context.tenant(request.tenantId()).settings().map(TutoringSettings::from);
  }

  private static ItemSelector.Policy policy(String value) {
    if (value == null) {
      return ItemSelector.Policy.ADAPTIVE;
    }
    try {
      return ItemSelector.Policy.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("policy", "must be adaptive or random");
    }
  }
}
