package dev.atrium.plugins.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a payment's rules move its score and decide it. */
final class DecisionTest {
  private static final Decision.Thresholds THRESHOLDS = new Decision.Thresholds(0.5, 0.9);

  private static Rule rule(String action, double score) {
    return new Rule("r-" + action + score, action, "true", action, score, true, null);
  }

  @Test
  void aScoreRuleMovesAMiddlingScoreByAboutItsWeightAndAConfidentOneInProportion() {
    assertThat(Decision.shifted(0.5, 0.2)).isCloseTo(0.69, within(0.01));
    assertThat(Decision.shifted(0.004, 0.2)).isCloseTo(0.0089, within(0.0005));
    assertThat(Decision.shifted(0.99, 0.2)).isBetween(0.99, 1.0);
    assertThat(Decision.shifted(0.5, -0.2)).isCloseTo(0.31, within(0.01));
    assertThat(Decision.shifted(0.0, 0.3)).isPositive().isLessThan(0.001);
  }

  @Test
  void rulesKeepTheModelsOrderAndNeverFlattenTheTopAtOne() {
    double[] bases = {0.001, 0.01, 0.2, 0.6, 0.97, 0.999};
    double previous = -1;
    for (double base : bases) {
      double score =
          Decision.of(base, List.of(rule("score", 1), rule("score", 1)), THRESHOLDS).score();
      assertThat(score).isGreaterThan(previous).isLessThan(1.0);
      previous = score;
    }
  }

  @Test
  void blockWinsThenAllowThenThresholdsThenAReviewRule() {
    assertThat(Decision.of(0.1, List.of(rule("block", 0), rule("allow", 0)), THRESHOLDS).action())
        .isEqualTo("block");
    assertThat(Decision.of(0.95, List.of(rule("allow", 0)), THRESHOLDS).action())
        .isEqualTo("allow");
    assertThat(Decision.of(0.95, List.of(), THRESHOLDS).action()).isEqualTo("block");
    assertThat(Decision.of(0.6, List.of(), THRESHOLDS).action()).isEqualTo("review");
    assertThat(Decision.of(0.1, List.of(rule("review", 0)), THRESHOLDS).action())
        .isEqualTo("review");
    assertThat(Decision.of(0.4, List.of(rule("score", 0.2)), THRESHOLDS).action())
        .isEqualTo("review");
  }
}
