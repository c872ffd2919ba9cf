package dev.atrium.plugins.tutoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Calibration recovers the parameters of simulated items: 2,000 learners with normal abilities
 * answer 40 items (a quarter multiple choice with a guessing floor), and the estimated difficulties
 * must correlate with the true ones at 0.9 or more.
 */
final class CalibrationTest {

  @Test
  void recoversSimulatedDifficultiesFromTwoThousandLearnersAndFortyItems() {
    Random random = new Random(17);
    List<ItemParameters> truth = new ArrayList<>();
    List<Calibration.Start> starts = new ArrayList<>();
    for (int j = 0; j < 40; j++) {
      boolean choice = j % 4 == 0;
      truth.add(
          new ItemParameters(
              0.6 + 1.4 * random.nextDouble(), -2 + 4 * random.nextDouble(), choice ? 0.2 : 0));
      starts.add(new Calibration.Start(new ItemParameters(1, 0, choice ? 0.25 : 0), choice, 0.25));
    }
    List<Calibration.Answers> learners = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      double theta = random.nextGaussian();
      int[] items = new int[40];
      boolean[] right = new boolean[40];
      for (int j = 0; j < 40; j++) {
        items[j] = j;
        right[j] = random.nextDouble() < truth.get(j).probability(theta);
      }
      learners.add(new Calibration.Answers(items, right));
    }
    AtomicInteger reported = new AtomicInteger();

    Calibration.Result result =
        new Calibration(200, 1e-3)
            .run(starts, learners, (cycle, max, change) -> reported.incrementAndGet(), () -> false);

    double difficulty =
        correlation(
            truth.stream().mapToDouble(ItemParameters::b).toArray(),
            result.items().stream().mapToDouble(ItemParameters::b).toArray());
    double discrimination =
        correlation(
            truth.stream().mapToDouble(ItemParameters::a).toArray(),
            result.items().stream().mapToDouble(ItemParameters::a).toArray());
    System.out.printf(
        "calibration: %d EM cycles, difficulty r=%.3f, discrimination r=%.3f%n",
        result.cycles(), difficulty, discrimination);
    assertThat(result.converged()).isTrue();
    assertThat(reported.get()).isEqualTo(result.cycles());
    assertThat(difficulty).isGreaterThanOrEqualTo(0.9);
    assertThat(discrimination).isGreaterThan(0.5);
  }

  @Test
  void stopsWhenCancelled() {
    Calibration.Result result =
        new Calibration(50, 1e-6)
            .run(
                List.of(new Calibration.Start(new ItemParameters(1, 0, 0), false, 0)),
                List.of(new Calibration.Answers(new int[] {0}, new boolean[] {true})),
                (cycle, max, change) -> {},
                () -> true);
    assertThat(result.cycles()).isZero();
    assertThat(result.converged()).isFalse();
  }

  static double correlation(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / y.length;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
