package dev.atrium.plugins.fraud;

import dev.atrium.plugin.api.JobProgress;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A tenant's historical payments as CSV, read through its column mapping ({@code csvColumns}
 * setting: transaction field or {@code label} -> column; unmapped fields use their own name). The
 * whole file is checked before anything is scored: a malformed file or an invalid row is refused
 * with its line, so nothing is half-imported. Rows are then scored in time order (features build up
 * as they would have live; no alerts), their labels logged with them for training.
 */
final class CsvUpload {
  static final int MAX_ROWS = 200_000;
  private static final List<String> NUMERIC = List.of("amount", "lat", "lon");

  /** A checked row: the transaction and its label, when the file has one. */
  record Row(Transaction txn, Integer label) {}

  private CsvUpload() {}

  static List<Row> read(Buffer body, FraudSettings settings) {
    if (body.length() == 0) {
      throw FraudProblem.badRequest(
          "empty_upload", "The upload is empty; send a CSV file with a header row.");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body.getBytes()))
              .toString();
    } catch (CharacterCodingException e) {
      throw FraudProblem.badRequest("malformed_csv", "The CSV file is not UTF-8 text.");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<List<String>> records = Csv.parse(text);
    if (records.size() < 2) {
      throw FraudProblem.badRequest(
          "malformed_csv", "The CSV file needs a header row and at least one row.");
    }
    if (records.size() - 1 > MAX_ROWS) {
      throw new FraudProblem(
          413, "upload_too_large", "An upload holds at most " + MAX_ROWS + " rows.");
    }
    List<String> header = records.get(0).stream().map(String::strip).toList();
    Map<String, Integer> columns = new HashMap<>();
    Set<String> fields = new HashSet<>(TransactionParser.FIELDS);
    fields.remove("attributes");
    fields.add("label");
    for (String field : fields) {
      int at = header.indexOf(settings.column(field));
      if (at >= 0) {
        columns.put(field, at);
      }
    }
    for (String required : List.of("amount", "currency", "account")) {
      if (!columns.containsKey(required)) {
        throw FraudProblem.badRequest(
            "malformed_csv",
            "The CSV header has no column '"
                + settings.column(required)
                + "' for '"
                + required
                + "' (map columns in the csvColumns setting).");
      }
    }
    TransactionParser parser = new TransactionParser(settings.futureSkew());
    Instant now = Instant.now();
    List<Row> rows = new ArrayList<>(records.size() - 1);
    for (int r = 1; r < records.size(); r++) {
      List<String> record = records.get(r);
      String where = "row " + (r + 1);
      if (record.size() != header.size()) {
        throw FraudProblem.badRequest(
            "malformed_csv",
            "The CSV file's "
                + where
                + " has "
                + record.size()
                + " fields; the header has "
                + header.size()
                + ".");
      }
      JsonObject json = new JsonObject();
      Integer label = null;
      for (var column : columns.entrySet()) {
        String value = record.get(column.getValue()).strip();
        if (value.isEmpty()) {
          continue;
        }
        if (column.getKey().equals("label")) {
          label = label(value, where);
        } else if (NUMERIC.contains(column.getKey())) {
          json.put(column.getKey(), number(value));
        } else {
          json.put(column.getKey(), value);
        }
      }
      rows.add(new Row(parser.parse(json, where, now), label));
    }
    rows.sort(Comparator.comparing(row -> row.txn().timestamp()));
    return rows;
  }

  /** A number, or the text itself so the parser names the fault. */
  private static Object number(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return value;
    }
  }

  private static int label(String value, String where) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "1", "true", "fraud", "yes" -> 1;
      case "0", "false", "legit", "legitimate", "no" -> 0;
      default ->
          throw FraudProblem.badRequest(
              "invalid_field",
              "'"
                  + where
                  + ".label' must be 1/0, true/false or fraud/legitimate, got \""
                  + value
                  + "\".");
    };
  }

  /** Scores the rows in chunks, stores their labels; blocks, reports progress. */
  static int run(TenantScoring scoring, List<Row> rows, JobProgress progress) {
    return run(scoring, rows.size(), rows::subList, progress);
  }

  /** Scores {@code total} rows a chunk at a time, {@code rows} answering those in [from, to). */
  static int run(
      TenantScoring scoring,
      int total,
      BiFunction<Integer, Integer, List<Row>> rows,
      JobProgress progress) {
    int chunk = 1000;
    int done = 0;
    for (int from = 0; from < total && !progress.cancelled(); from += chunk) {
      List<Row> part = rows.apply(from, Math.min(total, from + chunk));
      scoring.score(
          part.stream().map(Row::txn).toList(), false, part.stream().map(Row::label).toList());
      done += part.size();
      progress.update((double) done / total, "scored " + done + " of " + total + " rows");
    }
    return done;
  }
}
