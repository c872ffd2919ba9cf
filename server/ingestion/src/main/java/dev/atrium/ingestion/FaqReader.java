package dev.atrium.ingestion;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads FAQ files: CSV (RFC 4180) with a header row holding {@code question} and {@code answer}
 * columns (any case, any order, other columns ignored), or a JSON array of objects with string
 * {@code question} and {@code answer}. Any bad row refuses the whole file, naming the row.
 */
final class FaqReader {
  private FaqReader() {}

  static List<FaqEntry> csv(String text) throws IngestionException {
    CSVFormat format =
        CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      Map<String, Integer> header = parser.getHeaderMap();
      String question = column(header, "question");
      String answer = column(header, "answer");
      List<FaqEntry> entries = new ArrayList<>();
      for (CSVRecord record : parser) {
        if (!record.isConsistent()) {
          throw malformedCsv(
              record.getRecordNumber() + 1,
              "has " + record.size() + " fields, the header " + header.size());
        }
        entries.add(
            entry(
                record.get(question),
                record.get(answer),
                "CSV row " + (record.getRecordNumber() + 1)));
      }
      return entries;
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      throw new IngestionException(
          "malformed_csv", "The CSV file is malformed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IngestionException(
          "malformed_csv", "The CSV file is malformed: " + e.getMessage(), e);
    }
  }

  static List<FaqEntry> json(String text) throws IngestionException {
    JsonArray array;
    try {
      array = new JsonArray(text);
    } catch (DecodeException | ClassCastException e) {
      throw new IngestionException(
          "malformed_json",
          "An FAQ JSON file must be an array of {\"question\", \"answer\"} objects.");
    }
    List<FaqEntry> entries = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String where = "JSON item " + i;
      if (!(array.getValue(i) instanceof JsonObject item)
          || !(item.getValue("question") instanceof String q)
          || !(item.getValue("answer") instanceof String a)) {
        throw new IngestionException(
            "malformed_json",
            where + " must be an object with string fields 'question' and 'answer'.");
      }
      entries.add(entry(q, a, where));
    }
    return entries;
  }

  private static FaqEntry entry(String question, String answer, String where)
      throws IngestionException {
    if (question == null || question.isBlank() || answer == null || answer.isBlank()) {
      throw new IngestionException(
          where.startsWith("CSV") ? "malformed_csv" : "malformed_json",
          where + " has an empty question or answer.");
    }
    return new FaqEntry(question.strip(), answer.strip());
  }

  private static String column(Map<String, Integer> header, String name) throws IngestionException {
    for (String column : header.keySet()) {
      if (column != null && column.strip().toLowerCase(Locale.ROOT).equals(name)) {
        return column;
      }
    }
    throw new IngestionException(
        "malformed_csv",
        "The CSV header must name a '" + name + "' column (found " + header.keySet() + ").");
  }

  private static IngestionException malformedCsv(long row, String problem) {
    return new IngestionException("malformed_csv", "CSV row " + row + " " + problem + ".");
  }
}
