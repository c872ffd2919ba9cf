package dev.atrium.plugins.fraud;

import java.util.List;

/**
 * What a payment's score and rules decide.
 *
 * @param score the risk score in [0, 1] after the rules' additions
 * @param action allow, review or block
 * @param hits the rules that matched
 */
record Decision(double score, String action, List<Rule> hits) {
  private static final double EDGE = 1e-6;

  /**
   * Per-tenant thresholds: at or above {@code review} reviews, at or above {@code block} blocks.
   */
  record Thresholds(double review, double block) {}

  /**
   * A score rule shifts the score's log-odds by four times its weight: around 0.5 that moves the
   * score by about the weight (0.5 with +0.2 becomes 0.69), while a confident score moves in
   * proportion (0.004 becomes 0.009, 0.99 becomes 0.995). So the rules re-rank what the model
   * already ranks instead of lifting every payment they match above the model's own finds, and no
   * two payments are pushed to the same 1.0.
   */
  static double shifted(double score, double weight) {
    double p = Math.min(1 - EDGE, Math.max(EDGE, score));
    double logOdds = Math.log(p / (1 - p)) + 4 * weight;
    return 1 / (1 + Math.exp(-logOdds));
  }

  /**
   * Block wins over everything, then allow (a tenant's allow-list), then the thresholds, then a
   * review rule.
   */
  static Decision of(double baseScore, List<Rule> hits, Thresholds thresholds) {
    double score = baseScore;
    boolean block = false;
    boolean allow = false;
    boolean review = false;
    for (Rule rule : hits) {
      switch (rule.action()) {
        case "block" -> block = true;
        case "allow" -> allow = true;
        case "review" -> review = true;
        default -> score = shifted(score, rule.score());
      }
    }
    score = Math.max(0, Math.min(1, score));
    String action;
    if (block) {
      action = "block";
    } else if (allow) {
      action = "allow";
    } else if (score >= thresholds.block()) {
      action = "block";
    } else if (score >= thresholds.review() || review) {
      action = "review";
    } else {
      action = "allow";
    }
    return new Decision(score, action, hits);
  }
}
