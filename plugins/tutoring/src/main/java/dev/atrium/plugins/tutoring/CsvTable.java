package dev.atrium.plugins.tutoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A CSV file as RFC 4180 writes it (commas, double quotes, quoted line breaks), with a header row
 * naming the columns. Rows are numbered as a spreadsheet shows them: the header is row 1.
 */
final class CsvTable {
  /** One data row: its number and its cells by lower-case column name. */
  record Row(int number, Map<String, String> cells) {
    String get(String column) {
      return cells.getOrDefault(column, "").strip();
    }
  }

  private CsvTable() {}

  static List<Row> parse(String text, Set<String> columns) {
    List<List<String>> records = records(text.startsWith("\uFEFF") ? text.substring(1) : text);
    if (records.isEmpty()) {
      throw new Problem(400, "invalid_import", "The CSV file is empty: it needs a header row.");
    }
    List<String> header =
        records.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    for (String name : header) {
      if (!columns.contains(name)) {
        throw new Problem(
            400,
            "invalid_import",
            "Row 1: unknown column '" + name + "'; the columns are " + columns + ".");
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int r = 1; r < records.size(); r++) {
      List<String> cells = records.get(r);
      if (cells.size() == 1 && cells.get(0).isBlank()) {
        continue;
      }
      if (cells.size() > header.size()) {
        throw new Problem(
            400,
            "invalid_import",
            "Row "
                + (r + 1)
                + ": "
                + cells.size()
                + " cells, but the header names "
                + header.size()
                + " columns.");
      }
      Map<String, String> byName = new LinkedHashMap<>();
      for (int c = 0; c < cells.size(); c++) {
        byName.put(header.get(c), cells.get(c));
      }
      rows.add(new Row(r + 1, byName));
    }
    return rows;
  }

  private static List<List<String>> records(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    while (i < text.length()) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"' && cell.isEmpty()) {
        quoted = true;
      } else if (ch == ',') {
        record.add(cell.toString());
        cell.setLength(0);
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        record.add(cell.toString());
        cell.setLength(0);
        records.add(record);
        record = new ArrayList<>();
      } else {
        cell.append(ch);
      }
      i++;
    }
    if (quoted) {
      throw new Problem(
          400,
          "invalid_import",
          "Row " + (records.size() + 1) + ": a quoted cell is never closed.");
    }
    if (!cell.isEmpty() || !record.isEmpty()) {
      record.add(cell.toString());
      records.add(record);
    }
    return records;
  }

  /** One cell as CSV writes it: quoted when it holds a comma, a quote or a line break. */
  static String cell(Object value) {
    String text = value == null ? "" : value.toString();
    return text.matches("(?s).*[\",\r\n].*") ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
