package com.shopchat.demo;

import com.shopchat.identity.Shopper;
import com.shopchat.kb.KnowledgeEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo shop that ships with the server (resources/demo): catalog, shoppers, orders and knowledge.
 * Reading it blocks on the class path: call {@link #load()} on a worker.
 */
public record DemoShop(List<JsonObject> products, List<JsonObject> shoppers, List<JsonObject> orders,
                       List<KnowledgeEntry> knowledge) {

  /** Reads every demo file; a malformed line fails loudly with its file and line number. */
  public static DemoShop load() {
    return new DemoShop(jsonLines("demo/products.jsonl"), jsonLines("demo/shoppers.jsonl"),
      jsonLines("demo/orders.jsonl"), jsonLines("demo/knowledge.jsonl").stream().map(DemoShop::entry).toList());
  }

  /** Only the demo shoppers, as the demo sign-in offers them (reads one file). */
  public static List<Shopper> signInShoppers() {
    return jsonLines("demo/shoppers.jsonl").stream().map(o -> new Shopper(o.getString("id"), o.getString("name"))).toList();
  }

  static KnowledgeEntry entry(JsonObject o) {
    return new KnowledgeEntry(o.getString("id"), o.getString("locale", "en"), o.getString("title"),
      strings(o.getJsonArray("questions")), o.getString("answer"), strings(o.getJsonArray("tags")),
      o.getString("category"));
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }

  static List<JsonObject> jsonLines(String resource) {
    InputStream in = DemoShop.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("demo resource missing: " + resource);
    }
    List<JsonObject> out = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(new JsonObject(line));
        } catch (RuntimeException e) {
          throw new IllegalStateException(resource + ":" + number + ": not a JSON object: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
