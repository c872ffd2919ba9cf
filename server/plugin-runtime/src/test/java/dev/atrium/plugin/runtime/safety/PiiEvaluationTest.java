package dev.atrium.plugin.runtime.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.plugin.api.safety.PiiType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The detectors on the shipped evaluation set (eval/pii-eval.jsonl, English and Chinese). */
final class PiiEvaluationTest {
  private static final List<PiiSample> SAMPLES = PiiSample.read(Path.of("eval/pii-eval.jsonl"));

  @Test
  void theSetHoldsAtLeastAHundredSamplesOfEachKindInBothLanguages() {
    List<PiiSample> pii = SAMPLES.stream().filter(s -> !s.isLookAlike()).toList();
    List<PiiSample> lookAlikes = SAMPLES.stream().filter(PiiSample::isLookAlike).toList();
    assertThat(pii).hasSizeGreaterThanOrEqualTo(100);
    assertThat(lookAlikes).hasSizeGreaterThanOrEqualTo(100);
    assertThat(pii).extracting(PiiSample::lang).contains("en", "zh");
    assertThat(lookAlikes).extracting(PiiSample::lang).contains("en", "zh");
    for (PiiType type : PiiType.values()) {
      assertThat(pii.stream().flatMap(s -> s.entities().stream()).filter(e -> e.type() == type))
          .as("samples of %s", type)
          .hasSizeGreaterThanOrEqualTo(15);
    }
  }

  @Test
  void recallAndPrecisionPerTypeMeetTheGoals() {
    PiiEvaluation evaluation = PiiEvaluation.of(new HostTextSafety(), SAMPLES);
    System.out.print(evaluation.table());
    evaluation.errors().forEach(System.out::println);
    for (PiiType type : PiiType.values()) {
      PiiEvaluation.Score score = evaluation.scores().get(type);
      assertThat(score.recall()).as("recall of %s", type).isGreaterThanOrEqualTo(0.98);
      assertThat(score.precision()).as("precision of %s", type).isGreaterThanOrEqualTo(0.95);
    }
    assertThat(evaluation.flaggedLookAlikes()).as("look-alikes flagged").isZero();
  }
}
