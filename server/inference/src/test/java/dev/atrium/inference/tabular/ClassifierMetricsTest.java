package dev.atrium.inference.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** ROC-AUC and PR-AUC against values worked out by hand. */
final class ClassifierMetricsTest {

  @Test
  void distinctScores() {
    // Positives 0.35 and 0.8, negatives 0.1 and 0.4: 3 of the 4 pairs ranked right.
    // From the top: 0.8 (+) precision 1 recall 1/2; 0.4 (-); 0.35 (+) precision 2/3 recall 1.
    double[] scores = {0.1, 0.4, 0.35, 0.8};
    float[] labels = {0, 0, 1, 1};

    assertThat(ClassifierMetrics.rocAuc(scores, labels)).isCloseTo(0.75, within(1e-12));
    assertThat(ClassifierMetrics.prAuc(scores, labels))
        .isCloseTo(0.5 * 1 + 0.5 * 2 / 3.0, within(1e-12));
  }

  @Test
  void tiedScoresAreOneThresholdAndAPairTieCountsHalf() {
    // Pairs (+0.5,-0.5) half, (+0.5,-0.2), (+0.9,-0.5), (+0.9,-0.2) right: 3.5 of 4.
    // Thresholds: 0.9 -> P 1, R 1/2; 0.5 (one +, one -) -> P 2/3, R 1; 0.2 adds no recall.
    double[] scores = {0.5, 0.5, 0.2, 0.9};
    float[] labels = {1, 0, 0, 1};

    assertThat(ClassifierMetrics.rocAuc(scores, labels)).isCloseTo(0.875, within(1e-12));
    assertThat(ClassifierMetrics.prAuc(scores, labels))
        .isCloseTo(0.5 + 0.5 * 2 / 3.0, within(1e-12));
  }

  @Test
  void perfectAndReversedRankings() {
    double[] scores = {0.1, 0.2, 0.3, 0.7, 0.9};
    assertThat(ClassifierMetrics.rocAuc(scores, new float[] {0, 0, 0, 1, 1})).isEqualTo(1.0);
    assertThat(ClassifierMetrics.prAuc(scores, new float[] {0, 0, 0, 1, 1})).isEqualTo(1.0);
    assertThat(ClassifierMetrics.rocAuc(scores, new float[] {1, 0, 0, 0, 0})).isEqualTo(0.0);
    // The only positive is found last: precision 1/5 at full recall.
    assertThat(ClassifierMetrics.prAuc(scores, new float[] {1, 0, 0, 0, 0}))
        .isCloseTo(0.2, within(1e-12));
  }

  @Test
  void allScoresEqualIsAChanceRanking() {
    double[] scores = {0.3, 0.3, 0.3, 0.3};
    float[] labels = {1, 0, 0, 0};
    assertThat(ClassifierMetrics.rocAuc(scores, labels)).isEqualTo(0.5);
    assertThat(ClassifierMetrics.prAuc(scores, labels)).isCloseTo(0.25, within(1e-12));
  }

  @Test
  void refusesOneClassAndOtherLabels() {
    assertThatThrownBy(() -> ClassifierMetrics.rocAuc(new double[] {0.1, 0.2}, new float[] {1, 1}))
        .hasMessageContaining("both classes");
    assertThatThrownBy(() -> ClassifierMetrics.prAuc(new double[] {0.1, 0.2}, new float[] {0, 2}))
        .hasMessageContaining("0 or 1");
    assertThatThrownBy(() -> ClassifierMetrics.rocAuc(new double[] {0.1}, new float[] {0, 1}))
        .hasMessageContaining("1 scores for 2 labels");
  }
}
