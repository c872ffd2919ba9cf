package dev.atrium.inference.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.atrium.plugin.api.tabular.TrainedModel;
import dev.atrium.plugin.api.tabular.TrainingData;
import dev.atrium.plugin.api.tabular.TrainingParams;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.Test;

/** Training on the real credit data: metrics, early stopping, progress, cancellation, refusals. */
final class BoosterTrainerTest {

  private static final BoosterTrainer TRAINER = new BoosterTrainer(1);

  @Test
  void learnsTheCreditDataAndReportsItsValidationMetrics() throws Exception {
    CreditData credit = CreditData.load();
    int validation = credit.rowCount() / 5;
    RecordingProgress progress = new RecordingProgress();

    TrainedModel model =
        TRAINER.train(
            credit.training(validation), new TrainingParams(300, 20, 4, 0.1, 1.0), progress);

    var metrics = model.metrics();
    System.out.printf(
        "credit_data: %d train / %d validation rows, %d rounds kept, %d ms, ROC-AUC %.4f, PR-AUC"
            + " %.4f%n",
        metrics.trainRows(),
        metrics.validationRows(),
        metrics.rounds(),
        metrics.trainingMillis(),
        metrics.rocAuc(),
        metrics.prAuc());
    assertThat(metrics.rocAuc()).isGreaterThan(0.8);
    assertThat(metrics.prAuc()).isGreaterThan(0.55); // about 28% of the loans are bad
    assertThat(metrics.trainRows()).isEqualTo(credit.rowCount() - validation);
    assertThat(metrics.validationRows()).isEqualTo(validation);
    assertThat(metrics.rounds()).isBetween(1, 300);
    assertThat(model.featureNames()).isEqualTo(credit.featureNames);

    // One report per round, the last rounds after the best ones (early stopping), then the summary.
    int rounds = progress.reports.size() - 1;
    assertThat(rounds).isLessThan(300).isEqualTo(metrics.rounds() + 20);
    assertThat(progress.reports.stream().map(RecordingProgress.Report::fraction).toList())
        .isSorted();
    assertThat(progress.reports.getFirst().message())
        .startsWith("round 1 of 300: validation PR-AUC");
    assertThat(progress.reports.getLast().fraction()).isEqualTo(1.0);
    assertThat(progress.reports.getLast().message()).contains("ROC-AUC", "PR-AUC");

    // The bytes are the kept model: its validation predictions give the reported ROC-AUC.
    Booster booster = Boosters.load(model.bytes(), 1);
    try {
      int from = credit.rowCount() - validation;
      float[] values =
          Arrays.copyOfRange(credit.rows, from * credit.features(), credit.rows.length);
      float[][] predicted = Boosters.predict(booster, values, validation, credit.features());
      double[] scores = Arrays.stream(predicted).mapToDouble(p -> p[0]).toArray();
      float[] labels = Arrays.copyOfRange(credit.labels, from, credit.rowCount());
      assertThat(ClassifierMetrics.rocAuc(scores, labels))
          .isCloseTo(metrics.rocAuc(), within(1e-9));
      assertThat(booster.getNumBoostedRound()).isEqualTo(metrics.rounds());
    } finally {
      booster.dispose();
    }
  }

  @Test
  void aCancelledTrainingStopsWithinARound() throws Exception {
    CreditData credit = CreditData.load();
    RecordingProgress progress = new RecordingProgress(3);

    assertThatThrownBy(
            () -> TRAINER.train(credit.training(500), TrainingParams.defaults(), progress))
        .isInstanceOf(CancellationException.class)
        .hasMessageContaining("after 3 rounds");
    assertThat(progress.reports).hasSize(3);
  }

  @Test
  void refusesDataItCannotLearnFrom() {
    List<String> names = List.of("x");
    float[] rows = {1, 2, 3, 4, 5, 6};
    TrainingParams params = TrainingParams.defaults();
    RecordingProgress progress = new RecordingProgress();

    assertThatThrownBy(
            () ->
                TRAINER.train(
                    new TrainingData(names, rows, new float[] {0, 0, 0, 0, 0, 0}, 2),
                    params,
                    progress))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("training rows hold one class only (no positives)");
    assertThatThrownBy(
            () ->
                TRAINER.train(
                    new TrainingData(names, rows, new float[] {0, 1, 0, 1, 1, 1}, 2),
                    params,
                    progress))
        .hasMessageContaining("validation rows hold one class only (no negatives)");
    assertThatThrownBy(
            () ->
                TRAINER.train(
                    new TrainingData(names, rows, new float[] {0, 2, 0, 1, 0, 1}, 2),
                    params,
                    progress))
        .hasMessageContaining("labels must be 0 or 1, got 2.0");
    float[] infinite = rows.clone();
    infinite[3] = Float.POSITIVE_INFINITY;
    assertThatThrownBy(
            () ->
                TRAINER.train(
                    new TrainingData(names, infinite, new float[] {0, 1, 0, 1, 0, 1}, 2),
                    params,
                    progress))
        .hasMessageContaining("value 3 is infinite");
    assertThat(progress.reports).isEmpty();
  }
}
