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

  /**
   * Per-tenant thresholds: at or above {@code review} reviews, at or above {@code block} blocks.
   */
  record Thresholds(double review, double block) {}

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
        default -> score += rule.score();
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
