package com.shopchat.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * One record of an RFC 4180 CSV file: its fields, the line it starts on (quoted fields may span lines), and a
 * syntax error when it has one (a quote left open, text after a closing quote).
 */
record CsvRecord(int line, List<String> fields, String error) {

  /** Every record of the text; a trailing line break does not start an empty record. */
  static List<CsvRecord> parse(String text) {
    List<CsvRecord> records = new ArrayList<>();
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    int line = 1;
    while (i < text.length()) {
      int start = line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      String error = null;
      boolean quoted = false;
      boolean afterQuote = false;
      boolean ended = false;
      for (; i < text.length() && !ended; i++) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
            afterQuote = true;
          } else {
            line += c == '\n' ? 1 : 0;
            field.append(c);
          }
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
          afterQuote = false;
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            i++;
          }
          line++;
          ended = true;
        } else if (c == '"' && field.isEmpty() && !afterQuote) {
          quoted = true;
        } else if (afterQuote || c == '"') {
          error = error != null ? error : "a quote inside a field that is not quoted, or text after a closing quote";
          field.append(c);
        } else {
          field.append(c);
        }
      }
      if (quoted) {
        error = "a quoted field is never closed";
      }
      fields.add(field.toString());
      records.add(new CsvRecord(start, fields, error));
    }
    return records;
  }
}
