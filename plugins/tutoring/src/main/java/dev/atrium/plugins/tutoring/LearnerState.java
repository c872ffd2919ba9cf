package dev.atrium.plugins.tutoring;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the tutor knows about one learner in one course: an IRT ability posterior for the whole
 * course and one per skill (a skill's starts from the course ability, so a strong learner is not
 * taken for a beginner on a new skill), BKT mastery per skill, the items answered (never served
 * again) and the history of answers that calibration learns from. Stored as one JSON document.
 */
final class LearnerState {
  /** Answers kept per learner and course for calibration and reports; older ones are dropped. */
  static final int MAX_HISTORY = 1000;

  private final JsonObject json;
  private final Set<String> answered = new LinkedHashSet<>();

  private LearnerState(JsonObject json) {
    this.json = json;
    json.getJsonArray("history").forEach(h -> answered.add(((JsonObject) h).getString("item")));
  }

  static LearnerState fresh() {
    return new LearnerState(
        new JsonObject()
            .put("overall", AbilityPosterior.prior(0).toJson())
            .put("skills", new JsonObject())
            .put("history", new JsonArray()));
  }

  static LearnerState fromJson(JsonObject json) {
    return new LearnerState(json.copy());
  }

  JsonObject toJson() {
    return json;
  }

  boolean answered(String itemId) {
    return answered.contains(itemId);
  }

  int answers() {
    return answered.size();
  }

  JsonArray history() {
    return json.getJsonArray("history");
  }

  /** The ability posterior of {@code skill}, or of the course when the skill has no answers yet. */
  AbilityPosterior ability(String skill) {
    JsonObject s = json.getJsonObject("skills").getJsonObject(skill);
    return s == null
        ? AbilityPosterior.prior(overall().mean())
        : AbilityPosterior.fromJson(s.getJsonArray("posterior"));
  }

  AbilityPosterior overall() {
    return AbilityPosterior.fromJson(json.getJsonArray("overall"));
  }

  double known(String skill, KnowledgeTracing tracing) {
    JsonObject s = json.getJsonObject("skills").getJsonObject(skill);
    return s == null ? tracing.initial() : s.getDouble("known");
  }

  int attempts(String skill) {
    JsonObject s = json.getJsonObject("skills").getJsonObject(skill);
    return s == null ? 0 : s.getInteger("attempts");
  }

  /**
   * Adds one graded answer: every skill of the item and the course ability see it, BKT moves each
   * skill's mastery. Answers the predicted probability of a right answer made before this answer.
   */
  double record(Item item, boolean right, double score, KnowledgeTracing tracing, Instant at) {
    double predicted = ability(item.primarySkill()).predict(item.parameters());
    AbilityPosterior overall = overall();
    overall.observe(item.parameters(), right);
    for (String skill : item.skills()) {
      AbilityPosterior posterior = ability(skill);
      posterior.observe(item.parameters(), right);
      double known = tracing.update(known(skill, tracing), right, item.parameters().c());
      json.getJsonObject("skills")
          .put(
              skill,
              new JsonObject()
                  .put("posterior", posterior.toJson())
                  .put("known", known)
                  .put("attempts", attempts(skill) + 1));
    }
    json.put("overall", overall.toJson());
    JsonArray history = history();
    history.add(
        new JsonObject()
            .put("item", item.id())
            .put("right", right)
            .put("score", score)
            .put("predicted", predicted)
            .put("at", at.toString()));
    while (history.size() > MAX_HISTORY) {
      history.remove(0);
    }
    answered.add(item.id());
    return predicted;
  }
}
