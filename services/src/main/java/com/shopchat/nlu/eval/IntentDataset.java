package com.shopchat.nlu.eval;

import com.shopchat.nlu.entity.Entity;
import com.shopchat.nlu.model.LabeledText;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads labelled utterances from JSON Lines: one {@code {"text": "…", "intent": "…"}} object per line, with an
 * optional {@code "entities": [{"type", "value", "start", "end"}]} (char offsets into the text, end exclusive).
 */
public final class IntentDataset {

  private IntentDataset() {
  }

  /**
   * All examples of the file, in order; blank lines are allowed. Any other bad line fails the whole read,
   * because training on a silently shortened corpus gives a model nobody asked for.
   */
  public static List<LabeledText> read(Path file) throws DatasetException {
    List<LabeledText> examples = readJsonLines(file, IntentDataset::parse);
    if (examples.isEmpty()) {
      throw new DatasetException(file + ": no examples (expected JSON Lines with \"text\" and \"intent\")");
    }
    return examples;
  }

  /** Turns one JSON object of a JSON Lines file into a value; {@code where} ("file:line: ") prefixes errors. */
  @FunctionalInterface
  public interface LineParser<T> {
    T parse(JsonObject json, String where) throws DatasetException;
  }

  /** Every non-blank line of the file as a JSON object, parsed in order; the first bad line fails the read. */
  public static <T> List<T> readJsonLines(Path file, LineParser<T> parser) throws DatasetException {
    List<T> values = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String where = file + ":" + number + ": ";
        JsonObject json;
        try {
          json = new JsonObject(line);
        } catch (DecodeException | ClassCastException e) {
          throw new DatasetException(where + "not a JSON object");
        }
        values.add(parser.parse(json, where));
      }
    } catch (NoSuchFileException e) {
      throw new DatasetException(file + ": no such file");
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot read: " + e.getMessage());
    }
    return values;
  }

  private static LabeledText parse(JsonObject json, String where) throws DatasetException {
    Object text = json.getValue("text");
    Object intent = json.getValue("intent");
    if (!(text instanceof String t) || t.isBlank() || !(intent instanceof String i) || i.isBlank()) {
      throw new DatasetException(where + "needs non-empty string fields \"text\" and \"intent\"");
    }
    return new LabeledText(t, i, entities(where, t, json.getValue("entities")));
  }

  /** Whether any example carries entity labels, i.e. the data can score entity extraction. */
  public static boolean labelsEntities(List<LabeledText> examples) {
    return examples.stream().anyMatch(e -> !e.entities().isEmpty());
  }

  private static List<Entity> entities(String where, String text, Object field) throws DatasetException {
    if (field == null) {
      return List.of();
    }
    if (!(field instanceof JsonArray array)) {
      throw new DatasetException(where + "\"entities\" must be an array");
    }
    List<Entity> entities = new ArrayList<>(array.size());
    for (Object item : array) {
      if (!(item instanceof JsonObject e) || !(e.getValue("type") instanceof String type)
        || !(e.getValue("start") instanceof Integer start) || !(e.getValue("end") instanceof Integer end)
        || e.getValue("value") == null) {
        throw new DatasetException(where + "each entity needs \"type\", \"value\", whole-number \"start\" and \"end\"");
      }
      // A span reaching past the end is kept as labelled: some public data (Bitext) has such spans, and the
      // evaluation reports scores both as labelled and with spans trimmed to the text.
      if (start < 0 || end <= start || start >= text.length()) {
        throw new DatasetException(where + "entity span [" + start + ", " + end + ") does not start in the text");
      }
      entities.add(new Entity(type, String.valueOf(e.getValue("value")), start, end));
    }
    return entities;
  }

  /** A data file that cannot be used; the message names the file and, for a bad line, its number. */
  public static final class DatasetException extends Exception {
    public DatasetException(String message) {
      super(message);
    }
  }
}
