package com.shopchat.knowledge.cli;

import com.shopchat.kb.KnowledgeEntry;
import com.shopchat.kb.LocaleAnalyzers;
import com.shopchat.nlu.eval.IntentDataset;
import com.shopchat.nlu.eval.IntentDataset.DatasetException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the two JSON Lines files of {@code kb evaluate}: knowledge entries
 * ({@code {"id", "title", "questions": […], "answer", "locale"}}, optional {@code "tags"} and {@code "category"},
 * the demo shop's own format) and labelled queries ({@code {"query", "expectedId"}}, optional {@code "locale"}).
 * A query whose {@code expectedId} is {@code null} is one no entry answers (it then needs its {@code "locale"}):
 * any answer to it is wrong.
 */
final class KbFiles {

  private KbFiles() {
  }

  /** A knowledge base and the labelled questions asked of it: what {@code kb evaluate} and {@code kb calibrate} read. */
  record Labelled(Map<String, KnowledgeEntry> entries, List<LabeledQuery> queries) {
  }

  /** Reads both files (see {@link #entries} and {@link #queries(List, Map)}); the first bad line fails the read. */
  static Labelled read(Path kb, List<Path> queryFiles) throws DatasetException {
    Map<String, KnowledgeEntry> entries = entries(kb);
    return new Labelled(entries, queries(queryFiles, entries));
  }

  /** Every entry of the file by id, in file order; a bad line or a repeated id fails the read with its line. */
  static Map<String, KnowledgeEntry> entries(Path file) throws DatasetException {
    Set<String> seen = new HashSet<>();
    List<KnowledgeEntry> entries = IntentDataset.readJsonLines(file, (json, where) -> {
      KnowledgeEntry entry = entry(json, where);
      if (!seen.add(entry.id())) {
        throw new DatasetException(where + "id \"" + entry.id() + "\" appears twice");
      }
      return entry;
    });
    if (entries.isEmpty()) {
      throw new DatasetException(file + ": no entries (expected JSON Lines with \"id\", \"title\", \"questions\", "
          + "\"answer\" and \"locale\")");
    }
    Map<String, KnowledgeEntry> byId = new LinkedHashMap<>();
    entries.forEach(e -> byId.put(e.id(), e));
    return byId;
  }

  /** Every query of the files, in order; see {@link #queries(Path, Map)}. */
  static List<LabeledQuery> queries(List<Path> files, Map<String, KnowledgeEntry> entries) throws DatasetException {
    List<LabeledQuery> all = new ArrayList<>();
    for (Path file : files) {
      all.addAll(queries(file, entries));
    }
    return all;
  }

  /** Every query of the file; its expected entry must be in {@code entries}, its locale defaults to that entry's. */
  static List<LabeledQuery> queries(Path file, Map<String, KnowledgeEntry> entries) throws DatasetException {
    List<LabeledQuery> queries = IntentDataset.readJsonLines(file, (json, where) -> query(json, where, entries));
    if (queries.isEmpty()) {
      throw new DatasetException(file + ": no queries (expected JSON Lines with \"query\" and \"expectedId\")");
    }
    return queries;
  }

  private static KnowledgeEntry entry(JsonObject json, String where) throws DatasetException {
    try {
      return new KnowledgeEntry(text(json, "id", where), text(json, "locale", where), text(json, "title", where),
          strings(json, "questions", where), text(json, "answer", where), strings(json, "tags", where),
          json.getValue("category") instanceof String c ? c : null);
    } catch (IllegalArgumentException e) {
      // The entry's own validation (blank title, unknown locale) reads best with the line in front of it.
      throw new DatasetException(where + e.getMessage());
    }
  }

  private static LabeledQuery query(JsonObject json, String where, Map<String, KnowledgeEntry> entries)
      throws DatasetException {
    String query = text(json, "query", where);
    if (json.containsKey("expectedId") && json.getValue("expectedId") == null) {
      String locale = text(json, "locale", where);
      if (!LocaleAnalyzers.isSupported(locale)) {
        throw new DatasetException(where + "locale must be one of " + LocaleAnalyzers.LOCALES + ", got: " + locale);
      }
      return new LabeledQuery(query, null, locale);
    }
    String expectedId = text(json, "expectedId", where);
    KnowledgeEntry expected = entries.get(expectedId);
    if (expected == null) {
      throw new DatasetException(where + "expectedId \"" + expectedId + "\" is not in the knowledge base");
    }
    String locale = json.getValue("locale") == null ? expected.locale() : text(json, "locale", where);
    if (!LocaleAnalyzers.isSupported(locale)) {
      throw new DatasetException(where + "locale must be one of " + LocaleAnalyzers.LOCALES + ", got: " + locale);
    }
    return new LabeledQuery(query, expectedId, locale);
  }

  private static String text(JsonObject json, String field, String where) throws DatasetException {
    if (!(json.getValue(field) instanceof String value) || value.isBlank()) {
      throw new DatasetException(where + "needs a non-empty string field \"" + field + "\"");
    }
    return value;
  }

  private static List<String> strings(JsonObject json, String field, String where) throws DatasetException {
    Object value = json.getValue(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array) || !array.stream().allMatch(String.class::isInstance)) {
      throw new DatasetException(where + "\"" + field + "\" must be an array of strings");
    }
    List<String> strings = new ArrayList<>(array.size());
    array.forEach(s -> strings.add((String) s));
    return strings;
  }
}
