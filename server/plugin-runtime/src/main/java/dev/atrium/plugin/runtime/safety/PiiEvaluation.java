package dev.atrium.plugin.runtime.safety;

import dev.atrium.plugin.api.safety.PiiEntity;
import dev.atrium.plugin.api.safety.PiiType;
import dev.atrium.plugin.api.safety.TextSafety;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Precision and recall of a {@link TextSafety} on an evaluation set, per {@link PiiType}. A found
 * entity is right when the sample expects the same type with the same text; each expected entity is
 * matched at most once. Use: {@code PiiEvaluation.of(new HostTextSafety(),
 * PiiSample.read(PiiEvaluation.DEFAULT_SET))} (from the repository root), then {@link #table()}.
 *
 * @param scores per type
 * @param lookAlikes samples without personal data
 * @param flaggedLookAlikes look-alikes in which something was found
 * @param errors each miss and each false find, for reading
 */
public record PiiEvaluation(
    Map<PiiType, Score> scores, int lookAlikes, int flaggedLookAlikes, List<String> errors) {

  /** The evaluation set shipped with Atrium, relative to the repository root. */
  public static final Path DEFAULT_SET = Path.of("server/plugin-runtime/eval/pii-eval.jsonl");

  /** Counts of one type. */
  public record Score(int truePositives, int falsePositives, int falseNegatives) {
    /** Right finds among finds; 1 when nothing was found. */
    public double precision() {
      int found = truePositives + falsePositives;
      return found == 0 ? 1 : (double) truePositives / found;
    }

    /** Right finds among expected entities; 1 when none was expected. */
    public double recall() {
      int expected = truePositives + falseNegatives;
      return expected == 0 ? 1 : (double) truePositives / expected;
    }

    Score plus(Score other) {
      return new Score(
          truePositives + other.truePositives,
          falsePositives + other.falsePositives,
          falseNegatives + other.falseNegatives);
    }
  }

  public PiiEvaluation {
    scores = Map.copyOf(scores);
    errors = List.copyOf(errors);
  }

  /** Runs {@code safety} on every sample. */
  public static PiiEvaluation of(TextSafety safety, List<PiiSample> samples) {
    Map<PiiType, Score> scores = new EnumMap<>(PiiType.class);
    for (PiiType type : PiiType.values()) {
      scores.put(type, new Score(0, 0, 0));
    }
    List<String> errors = new ArrayList<>();
    int lookAlikes = 0;
    int flagged = 0;
    for (PiiSample sample : samples) {
      List<PiiEntity> found = safety.findPii(sample.text());
      List<PiiSample.Expected> missing = new ArrayList<>(sample.entities());
      for (PiiEntity entity : found) {
        boolean right = missing.remove(new PiiSample.Expected(entity.type(), entity.text()));
        scores.merge(entity.type(), new Score(right ? 1 : 0, right ? 0 : 1, 0), Score::plus);
        if (!right) {
          errors.add("false " + entity.type() + " '" + entity.text() + "' in: " + sample.text());
        }
      }
      for (PiiSample.Expected miss : missing) {
        scores.merge(miss.type(), new Score(0, 0, 1), Score::plus);
        errors.add("missed " + miss.type() + " '" + miss.text() + "' in: " + sample.text());
      }
      if (sample.isLookAlike()) {
        lookAlikes++;
        flagged += found.isEmpty() ? 0 : 1;
      }
    }
    return new PiiEvaluation(scores, lookAlikes, flagged, errors);
  }

  /** One line per type (found, expected, precision, recall) and the look-alikes flagged. */
  public String table() {
    StringBuilder table =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-16s %6s %6s %6s %9s %7s%n",
                "type",
                "tp",
                "fp",
                "fn",
                "precision",
                "recall"));
    for (PiiType type : PiiType.values()) {
      Score s = scores.get(type);
      table.append(
          String.format(
              Locale.ROOT,
              "%-16s %6d %6d %6d %9.3f %7.3f%n",
              type,
              s.truePositives(),
              s.falsePositives(),
              s.falseNegatives(),
              s.precision(),
              s.recall()));
    }
    return table
        .append(
            String.format(
                Locale.ROOT, "look-alikes flagged: %d of %d%n", flaggedLookAlikes, lookAlikes))
        .toString();
  }
}
