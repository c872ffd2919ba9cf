package dev.atrium.plugins.tutoring;

import io.vertx.core.json.JsonObject;

/**
 * The grade of one answer: right or not, a score from 0 to 1, whether a teacher should look at it,
 * and the evidence (the matched reference and rubric points for free text).
 */
record Grade(boolean right, double score, boolean ambiguous, JsonObject evidence) {
  static Grade exact(boolean right, JsonObject evidence) {
    return new Grade(right, right ? 1 : 0, false, evidence);
  }
}
