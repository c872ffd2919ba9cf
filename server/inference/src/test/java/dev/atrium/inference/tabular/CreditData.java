package dev.atrium.inference.tabular;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.atrium.plugin.api.tabular.TrainingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The real consumer-loan data of r-cran-modeldata ({@code credit_data}, 4,454 loans, MIT) as
 * features: {@code Status} bad = 1; numbers as they are, {@code NA} as missing; each categorical
 * column as the index of its value in a fixed list. The file stays in the shared data folder beside
 * the project ({@code ../shared/data}); tests that need it are skipped, saying so, without it.
 */
final class CreditData {

  static final String FILE = "modeldata_credit_data.csv";

  private static final Map<String, List<String>> CATEGORIES =
      Map.of(
          "Home", List.of("ignore", "other", "owner", "parents", "priv", "rent"),
          "Marital", List.of("divorced", "married", "separated", "single", "widow"),
          "Records", List.of("no", "yes"),
          "Job", List.of("fixed", "freelance", "others", "partime"));

  final List<String> featureNames;
  final float[] rows;
  final float[] labels;

  private CreditData(List<String> featureNames, float[] rows, float[] labels) {
    this.featureNames = featureNames;
    this.rows = rows;
    this.labels = labels;
  }

  /** The data, or a skipped test that names where the file was looked for. */
  static CreditData load() throws IOException {
    Path file = locate();
    assumeTrue(
        file != null, "skipped: " + FILE + " not found in a shared/data folder above " + cwd());
    List<String> lines = Files.readAllLines(file);
    String[] header = unquote(lines.getFirst().split(","));
    List<String> names = new ArrayList<>(Arrays.asList(header).subList(1, header.length));
    int features = names.size();
    float[] rows = new float[(lines.size() - 1) * features];
    float[] labels = new float[lines.size() - 1];
    for (int r = 1; r < lines.size(); r++) {
      String[] cells = unquote(lines.get(r).split(",", -1));
      labels[r - 1] = cells[0].equals("bad") ? 1 : 0;
      for (int f = 0; f < features; f++) {
        rows[(r - 1) * features + f] = value(names.get(f), cells[f + 1]);
      }
    }
    return new CreditData(List.copyOf(names), rows, labels);
  }

  int rowCount() {
    return labels.length;
  }

  int features() {
    return featureNames.size();
  }

  /** The rows from {@code from} (inclusive) to {@code to}, one array each. */
  List<float[]> rows(int from, int to) {
    List<float[]> list = new ArrayList<>();
    for (int r = from; r < to; r++) {
      list.add(Arrays.copyOfRange(rows, r * features(), (r + 1) * features()));
    }
    return list;
  }

  /** Everything, the newest {@code validationRows} rows validating. */
  TrainingData training(int validationRows) {
    return new TrainingData(featureNames, rows, labels, validationRows);
  }

  private static float value(String column, String cell) {
    if (cell.equals("NA")) {
      return Float.NaN;
    }
    List<String> categories = CATEGORIES.get(column);
    if (categories == null) {
      return Float.parseFloat(cell);
    }
    int index = categories.indexOf(cell);
    if (index < 0) {
      throw new IllegalStateException(column + " has an unknown value '" + cell + "'");
    }
    return index;
  }

  private static String[] unquote(String[] cells) {
    return Arrays.stream(cells).map(c -> c.replace("\"", "")).toArray(String[]::new);
  }

  private static Path locate() {
    for (Path dir = cwd(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data").resolve(FILE);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static Path cwd() {
    return Path.of("").toAbsolutePath();
  }
}
