package dev.atrium.plugins.tutoring;

/**
 * Bayesian knowledge tracing (Corbett and Anderson, 1995): the probability that a skill is
 * mastered, updated by each answer (a slip can make a master wrong, a guess can make a novice
 * right), then moved by the chance of learning at each practice opportunity. It drives readiness (a
 * skill is ready when its prerequisites are mastered) because, unlike IRT's fixed ability, it
 * expects the learner to learn while practising.
 */
record KnowledgeTracing(double initial, double learn, double slip, double guess, double mastery) {

  static final KnowledgeTracing DEFAULT = new KnowledgeTracing(0.2, 0.15, 0.1, 0.15, 0.95);

  /** The mastery probability after one answer; {@code guess} is the item's own when it has one. */
  double update(double known, boolean right, double itemGuess) {
    double g = Math.max(guess, itemGuess);
    double posterior =
        right
            ? known * (1 - slip) / (known * (1 - slip) + (1 - known) * g)
            : known * slip / (known * slip + (1 - known) * (1 - g));
    return posterior + (1 - posterior) * learn;
  }

  boolean mastered(double known) {
    return known >= mastery;
  }

  /**
   * Expected answers until mastery from {@code known}, assuming the learner answers right with the
   * probability the tracing itself predicts; at most {@code cap}.
   */
  int expectedAnswersToMastery(double known, int cap) {
    double p = known;
    int n = 0;
    while (!mastered(p) && n < cap) {
      double right = p * (1 - slip) + (1 - p) * guess;
      p = right * update(p, true, 0) + (1 - right) * update(p, false, 0);
      n++;
    }
    return n;
  }
}
