package com.shopchat.support;

import com.shopchat.kb.KnowledgeEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The demo shop's knowledge base and the shopper paraphrases written for it (docs/benchmarks.md), for tests. */
public final class DemoKnowledge {

  /** A paraphrase and the locale of the entry it was written for. */
  public record Question(String text, String locale, String expectedId) {}

  private DemoKnowledge() {
  }

  /** The 65 demo entries by id, in file order. */
  public static Map<String, KnowledgeEntry> entries() throws IOException {
    Map<String, KnowledgeEntry> byId = new LinkedHashMap<>();
    for (JsonObject json : lines(Path.of("src/main/resources/demo/knowledge.jsonl"))) {
      byId.put(json.getString("id"), new KnowledgeEntry(json.getString("id"), json.getString("locale"),
        json.getString("title"), strings(json.getJsonArray("questions")), json.getString("answer"),
        strings(json.getJsonArray("tags")), json.getString("category")));
    }
    return byId;
  }

  /** Both paraphrase sets: the 195 and the 65 held out. */
  public static List<Question> questions(Map<String, KnowledgeEntry> entries) throws IOException {
    return Stream.of("demo-paraphrases.jsonl", "demo-paraphrases-heldout.jsonl")
      .flatMap(set -> {
        try {
          return lines(Path.of("src/test/resources/kb/" + set)).stream();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      })
      .map(json -> new Question(json.getString("query"), entries.get(json.getString("expectedId")).locale(),
        json.getString("expectedId")))
      .toList();
  }

  private static List<JsonObject> lines(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(JsonObject::new).toList();
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }
}
