package com.shopchat.admin;

import com.shopchat.store.KnowledgeEditRepository.Imported;
import com.shopchat.store.KnowledgeRecord;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Knowledge entries as files to import and export: JSON Lines (one entry object per line, as the API returns
 * it) and CSV (RFC 4180, a header row naming the columns; {@code questions} and {@code tags} hold their items
 * separated by {@code |}). Every row is checked as the API checks an entry; the file is good only when all are.
 *
 * <p>CSV injection: a spreadsheet opening an export takes a cell that starts with {@code = + - @}, a tab or a
 * carriage return for a formula. Export puts a single quote before such a cell (OWASP's advice), which spreadsheets
 * show as text; import takes that one quote off again, so an export imports back unchanged. A cell that starts with
 * quotes before such a character gets one quote more on export, so it too comes back as it was; a quote before
 * anything else (an answer starting {@code 'tis}) is left alone both ways.
 */
public final class KnowledgeFiles {

  /** The file formats. */
  public enum Format { JSONL, CSV }

  /** A bad row: its (1-based, physical) line in the file and why. */
  public record RowError(int line, String message) {}

  /** The rows read, and the errors; import only when there are no errors. */
  public record Parsed(List<Imported> rows, List<RowError> errors) {}

  static final List<String> CSV_COLUMNS = List.of("id", "locale", "title", "questions", "answer", "tags", "category",
    "status");
  private static final Set<String> REQUIRED_COLUMNS = Set.of("id", "locale", "title", "answer");
  /** A cell a spreadsheet would evaluate, after any quotes already in front of it. */
  private static final Pattern FORMULA_LIKE = Pattern.compile("'*[=+\\-@\t\r].*", Pattern.DOTALL);
  /** Most rows in one import. */
  public static final int MAX_ROWS = 10_000;

  private KnowledgeFiles() {
  }

  /** Reads and checks every row of the file. */
  public static Parsed parse(Format format, String text) {
    List<Map.Entry<Integer, JsonObject>> objects = new ArrayList<>();
    List<RowError> errors = new ArrayList<>();
    if (format == Format.JSONL) {
      readJsonLines(text, objects, errors);
    } else {
      readCsv(text, objects, errors);
    }
    if (objects.size() + errors.size() > MAX_ROWS) {
      return new Parsed(List.of(), List.of(new RowError(0, "more than " + MAX_ROWS + " rows; split the file")));
    }
    List<Imported> rows = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Map.Entry<Integer, JsonObject> object : objects) {
      JsonObject json = object.getValue();
      try {
        Object id = json.getValue("id");
        Imported row = new Imported(EntryFields.entry(id instanceof String s ? s : null, json), EntryFields.status(json));
        if (!ids.add(row.entry().id())) {
          throw new EntryFields.Invalid("id " + row.entry().id() + " appears on an earlier line too");
        }
        rows.add(row);
      } catch (EntryFields.Invalid e) {
        errors.add(new RowError(object.getKey(), e.getMessage()));
      }
    }
    if (rows.isEmpty() && errors.isEmpty()) {
      errors.add(new RowError(0, "the file holds no entries"));
    }
    errors.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return new Parsed(rows, errors);
  }

  private static void readJsonLines(String text, List<Map.Entry<Integer, JsonObject>> out, List<RowError> errors) {
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        out.add(Map.entry(i + 1, new JsonObject(lines[i])));
      } catch (DecodeException | ClassCastException e) {
        errors.add(new RowError(i + 1, "not a JSON object"));
      }
    }
  }

  private static void readCsv(String text, List<Map.Entry<Integer, JsonObject>> out, List<RowError> errors) {
    List<CsvRecord> records = CsvRecord.parse(text);
    if (records.isEmpty()) {
      return;
    }
    List<String> header = records.get(0).fields().stream().map(String::trim).toList();
    Set<String> missing = new HashSet<>(REQUIRED_COLUMNS);
    header.forEach(missing::remove);
    if (!missing.isEmpty() || !CSV_COLUMNS.containsAll(header)) {
      errors.add(new RowError(1, "the header must name the columns " + CSV_COLUMNS + " (id, locale, title and answer "
        + "required), got " + header));
      return;
    }
    for (CsvRecord record : records.subList(1, records.size())) {
      if (record.error() != null) {
        errors.add(new RowError(record.line(), record.error()));
      } else if (record.fields().size() != header.size()) {
        errors.add(new RowError(record.line(), "has " + record.fields().size() + " fields; the header has "
          + header.size()));
      } else if (!(record.fields().size() == 1 && record.fields().get(0).isEmpty())) {
        out.add(Map.entry(record.line(), csvRow(header, record.fields())));
      }
    }
  }

  private static JsonObject csvRow(List<String> header, List<String> fields) {
    Map<String, Object> row = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String column = header.get(i);
      String value = unneutralised(fields.get(i));
      if (column.equals("questions") || column.equals("tags")) {
        row.put(column, new JsonArray(Arrays.stream(value.split("\\|")).map(String::trim).filter(s -> !s.isEmpty())
          .map(s -> (Object) s).toList()));
      } else if (!value.isEmpty() || !column.equals("category") && !column.equals("status")) {
        row.put(column, value);
      }
    }
    return new JsonObject(row);
  }

  /** The entries as a file of this format. */
  public static String write(Format format, List<KnowledgeRecord> records) {
    StringBuilder out = new StringBuilder();
    if (format == Format.JSONL) {
      records.forEach(r -> out.append(EntryFields.fields(r.entry()).put("status", r.status()).encode()).append('\n'));
      return out.toString();
    }
    out.append(String.join(",", CSV_COLUMNS)).append("\r\n");
    for (KnowledgeRecord r : records) {
      var e = r.entry();
      List<String> cells = List.of(e.id(), e.locale(), e.title(), String.join("|", e.questions()), e.answer(),
        String.join("|", e.tags()), e.category() == null ? "" : e.category(), r.status());
      out.append(String.join(",", cells.stream().map(KnowledgeFiles::csvCell).toList())).append("\r\n");
    }
    return out.toString();
  }

  /** The cell as written to CSV: a formula-like one behind a single quote (see the class comment). */
  static String neutralised(String value) {
    return FORMULA_LIKE.matcher(value).matches() ? "'" + value : value;
  }

  /** The cell as read from CSV: the single quote {@link #neutralised} added taken off. */
  static String unneutralised(String value) {
    return value.startsWith("'") && FORMULA_LIKE.matcher(value.substring(1)).matches() ? value.substring(1) : value;
  }

  private static String csvCell(String raw) {
    String value = neutralised(raw);
    boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
