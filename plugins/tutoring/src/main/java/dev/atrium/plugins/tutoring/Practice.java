package dev.atrium.plugins.tutoring;

import dev.atrium.plugin.api.PluginContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Adaptive practice for one learner: the next item, grading an answer and updating the learner
 * model, and the learning path to mastery.
 */
final class Practice {
  private final PluginContext context;
  private final TutoringStore store;
  private final TutoringSettings settings;
  private final String tenantId;

  Practice(PluginContext context, TutoringStore store, TutoringSettings settings, String tenantId) {
    this.context = context;
    this.store = store;
    this.settings = settings;
    this.tenantId = tenantId;
  }

  /** The course, checked to exist, once the learner is checked to exist and be enrolled in it. */
  Future<Course> enrolled(String learnerId, String courseId) {
    return store
        .learner(learnerId)
        .compose(
            learner -> {
              if (!learner.getJsonArray("courses", new JsonArray()).contains(courseId)) {
                throw new Problem(
                    409,
                    "not_enrolled",
                    "Learner '" + learnerId + "' is not enrolled in course '" + courseId + "'.");
              }
              return store.course(courseId);
            });
  }

  Future<JsonObject> next(
      String learnerId, String courseId, String skill, ItemSelector.Policy policy) {
    return enrolled(learnerId, courseId)
        .compose(
            course -> {
              if (skill != null && !course.graph().contains(skill)) {
                throw Problem.notFound("skill", skill);
              }
              return Future.all(store.items(courseId), store.state(courseId, learnerId))
                  .map(
                      all -> {
                        List<Item> bank = all.resultAt(0);
                        LearnerState state = all.resultAt(1);
                        KnowledgeTracing tracing = settings.tracing();
                        Optional<ItemSelector.Choice> choice =
                            new ItemSelector(settings.exposureTopK(), ThreadLocalRandom.current())
                                .next(course, bank, state, tracing, skill, policy);
                        JsonObject answer =
                            new JsonObject()
                                .put("learnerId", learnerId)
                                .put("courseId", courseId)
                                .put("policy", policy.name().toLowerCase(Locale.ROOT))
                                .put("answered", state.answers());
                        if (choice.isEmpty()) {
                          return answer.put("item", null).put("reason", "no_items_left");
                        }
                        ItemSelector.Choice c = choice.get();
                        return answer
                            .put("item", c.item().learnerView())
                            .put("skill", c.skill())
                            .put("ability", round(c.ability()))
                            .put("standardError", round(c.standardError()))
                            .put("information", round(c.information()))
                            .put("mastery", round(state.known(c.skill(), tracing)));
                      });
            });
  }

  Future<JsonObject> respond(
      String learnerId,
      String courseId,
      String itemId,
      Object answer,
      AnswerModeration moderation) {
    return enrolled(learnerId, courseId)
        .compose(course -> store.items(courseId))
        .compose(
            bank -> {
              Item item =
                  bank.stream()
                      .filter(i -> i.id().equals(itemId))
                      .findFirst()
                      .orElseThrow(() -> Problem.notFound("item", itemId));
              Grading grading =
                  new Grading(new FreeTextGrader(context.inference(), tenantId), settings);
              Future<Grade> graded = grading.grade(item, answer);
              return graded.compose(
                  grade -> record(learnerId, courseId, item, answer, grade, moderation));
            });
  }

  private Future<JsonObject> record(
      String learnerId,
      String courseId,
      Item item,
      Object answer,
      Grade grade,
      AnswerModeration moderation) {
    return store
        .state(courseId, learnerId)
        .compose(
            state -> {
              if (state.answered(item.id())) {
                throw new Problem(
                    409,
                    "already_answered",
                    "Learner '" + learnerId + "' already answered item '" + item.id() + "'.");
              }
              KnowledgeTracing tracing = settings.tracing();
              Instant now = Instant.now();
              double predicted = state.record(item, grade.right(), grade.score(), tracing, now);
              JsonObject result =
                  new JsonObject()
                      .put("itemId", item.id())
                      .put("right", grade.right())
                      .put("score", grade.score())
                      .put("predicted", round(predicted))
                      .put("evidence", grade.evidence())
                      .put("explanation", item.explanation());
              JsonObject skills = new JsonObject();
              for (String skill : item.skills()) {
                AbilityPosterior ability = state.ability(skill);
                double known = state.known(skill, tracing);
                skills.put(
                    skill,
                    new JsonObject()
                        .put("ability", round(ability.mean()))
                        .put("standardError", round(ability.standardError()))
                        .put("mastery", round(known))
                        .put("mastered", tracing.mastered(known)));
              }
              result.put("skills", skills);
              Future<Void> review = Future.succeededFuture();
              if (answer instanceof String text && item.type() == Item.Type.TEXT) {
                AnswerModeration.Verdict verdict = moderation.check(text, settings);
                result.put("moderation", verdict.report());
                boolean flagged = grade.ambiguous() || verdict.flagged();
                result.put("flaggedForReview", flagged);
                if (flagged) {
                  review =
                      store.flag(
                          courseId + "/" + learnerId + "/" + item.id(),
                          new JsonObject()
                              .put("courseId", courseId)
                              .put("learnerId", learnerId)
                              .put("itemId", item.id())
                              .put("answer", verdict.kept())
                              .put("score", grade.score())
                              .put("reason", verdict.flagged() ? "moderation" : "ambiguous")
                              .put("evidence", grade.evidence())
                              .put("at", now.toString()));
                }
              }
              return Future.all(store.putState(courseId, learnerId, state), review)
                  .compose(
                      v ->
                          context
                              .usage()
                              .record(
                                  tenantId,
                                  "responses_graded",
                                  1,
                                  "response:" + courseId + "/" + learnerId + "/" + item.id()))
                  .map(v -> result);
            });
  }

  Future<JsonObject> path(String learnerId, String courseId, String target) {
    return enrolled(learnerId, courseId)
        .compose(
            course -> {
              if (target != null && !course.graph().contains(target)) {
                throw Problem.notFound("skill", target);
              }
              return Future.all(store.items(courseId), store.state(courseId, learnerId))
                  .map(
                      all -> {
                        List<Item> bank = all.resultAt(0);
                        LearnerState state = all.resultAt(1);
                        KnowledgeTracing tracing = settings.tracing();
                        JsonArray steps = new JsonArray();
                        int total = 0;
                        for (String skill :
                            course
                                .graph()
                                .pathTo(target, s -> tracing.mastered(state.known(s, tracing)))) {
                          double known = state.known(skill, tracing);
                          int needed = tracing.expectedAnswersToMastery(known, 100);
                          long left =
                              bank.stream()
                                  .filter(i -> i.primarySkill().equals(skill))
                                  .filter(i -> !state.answered(i.id()))
                                  .count();
                          AbilityPosterior ability = state.ability(skill);
                          boolean ready =
                              course.graph().prerequisites(skill).stream()
                                  .allMatch(p -> tracing.mastered(state.known(p, tracing)));
                          total += needed;
                          steps.add(
                              new JsonObject()
                                  .put("skill", skill)
                                  .put("ready", ready)
                                  .put("mastery", round(known))
                                  .put("ability", round(ability.mean()))
                                  .put("standardError", round(ability.standardError()))
                                  .put("estimatedItems", needed)
                                  .put("itemsLeft", left));
                        }
                        return new JsonObject()
                            .put("learnerId", learnerId)
                            .put("courseId", courseId)
                            .put("target", target)
                            .put("steps", steps)
                            .put("estimatedItems", total);
                      });
            });
  }

  static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
