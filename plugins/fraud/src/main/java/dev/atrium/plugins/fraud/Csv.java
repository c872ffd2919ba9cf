package dev.atrium.plugins.fraud;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: comma-separated, double-quoted fields may hold commas, quotes ("") and newlines.
 */
final class Csv {
  private Csv() {}

  /** The records of {@code text}; a malformed file is refused with the line of the fault. */
  static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    int line = 1;
    int quoteLine = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          line += c == '\n' ? 1 : 0;
          field.append(c);
        }
      } else if (c == '"') {
        if (field.length() > 0 || wasQuoted) {
          throw malformed(line, "a quote inside an unquoted field");
        }
        quoted = true;
        wasQuoted = true;
        quoteLine = line;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        record.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
        if (!(record.size() == 1 && record.get(0).isEmpty())) {
          records.add(record);
        }
        record = new ArrayList<>();
        line++;
      } else if (wasQuoted) {
        throw malformed(line, "text after a closing quote");
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw malformed(quoteLine, "a quoted field that never ends");
    }
    record.add(field.toString());
    if (!(record.size() == 1 && record.get(0).isEmpty())) {
      records.add(record);
    }
    return records;
  }

  private static FraudProblem malformed(int line, String what) {
    return FraudProblem.badRequest(
        "malformed_csv", "The CSV file has " + what + " on line " + line + ".");
  }
}
