package dev.atrium.plugins.content;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A CSV upload (RFC 4180: comma separated, double quotes, line breaks inside quotes) read as a
 * header and rows. The whole file must be UTF-8 (400 {@code invalid_utf8} otherwise; a byte order
 * mark is skipped). A row with the wrong number of fields or an unterminated quote is kept as a
 * malformed row with its line number and the reason: it is reported, never fatal.
 */
record CsvTable(List<String> header, List<Row> rows) {

  /** A data row: its 1-based line in the file, its fields, or why it could not be read. */
  record Row(int number, int line, List<String> fields, Optional<String> error) {}

  static CsvTable parse(byte[] bytes) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new ContentProblem(
          400,
          "invalid_utf8",
          "The CSV file is not valid UTF-8; save it as UTF-8 and upload again.");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<Row> records = new Reader(text).records();
    if (records.isEmpty() || records.get(0).error().isPresent()) {
      throw new ContentProblem(400, "empty_csv", "The CSV file has no header row.");
    }
    List<String> header = records.get(0).fields().stream().map(String::strip).toList();
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < records.size(); i++) {
      Row r = records.get(i);
      if (r.error().isEmpty() && r.fields().stream().allMatch(String::isBlank)) {
        continue;
      }
      Optional<String> error =
          r.error().isPresent() || r.fields().size() == header.size()
              ? r.error()
              : Optional.of(
                  "has " + r.fields().size() + " fields where the header has " + header.size());
      rows.add(new Row(rows.size() + 1, r.line(), r.fields(), error));
    }
    if (rows.isEmpty()) {
      throw new ContentProblem(400, "empty_csv", "The CSV file has a header but no rows.");
    }
    return new CsvTable(header, rows);
  }

  /** Reads records, tracking the line each starts on. */
  private static final class Reader {
    private final String text;
    private int pos;
    private int line = 1;

    Reader(String text) {
      this.text = text;
    }

    List<Row> records() {
      List<Row> records = new ArrayList<>();
      while (pos < text.length()) {
        int start = line;
        List<String> fields = new ArrayList<>();
        Optional<String> error = Optional.empty();
        StringBuilder field = new StringBuilder();
        boolean done = false;
        while (!done) {
          if (pos >= text.length()) {
            fields.add(field.toString());
            break;
          }
          char c = text.charAt(pos++);
          if (c == '"' && field.isEmpty()) {
            if (!quoted(field)) {
              error = Optional.of("has a quote opened on line " + start + " that is never closed");
              fields.add(field.toString());
              break;
            }
          } else if (c == ',') {
            fields.add(field.toString());
            field.setLength(0);
          } else if (c == '\n' || c == '\r') {
            if (c == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
              pos++;
            }
            line++;
            fields.add(field.toString());
            done = true;
          } else {
            field.append(c);
          }
        }
        records.add(new Row(records.size(), start, List.copyOf(fields), error));
      }
      return records;
    }

    /** Reads a quoted field's content up to its closing quote; false at the end of the text. */
    private boolean quoted(StringBuilder field) {
      while (pos < text.length()) {
        char c = text.charAt(pos++);
        if (c == '"') {
          if (pos < text.length() && text.charAt(pos) == '"') {
            field.append('"');
            pos++;
          } else {
            return true;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
      }
      return false;
    }
  }
}
