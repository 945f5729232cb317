package com.shopchat.demo;

import com.shopchat.commerce.CommerceJson;
import com.shopchat.commerce.ShopPolicies;
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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo shop that ships with the server (resources/demo): catalog, shoppers, orders and knowledge.
 * Reading it blocks on the class path: call {@link #load()} on a worker.
 */
public record DemoShop(List<JsonObject> products, List<JsonObject> shoppers, List<JsonObject> orders,
                       List<KnowledgeEntry> knowledge) {

  /**
   * Reads every demo file; a malformed line fails loudly with its file and line number. Order dates are kept
   * as offsets from now in the file, so a delivery stays inside (or outside) the return window whenever the demo
   * runs; they come out as the absolute dates the catalog stores.
   */
  public static DemoShop load() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    return new DemoShop(jsonLines("demo/products.jsonl"), jsonLines("demo/shoppers.jsonl"),
      jsonLines("demo/orders.jsonl").stream().map(o -> dated(o, now)).toList(),
      jsonLines("demo/knowledge.jsonl").stream().map(DemoShop::entry).toList());
  }

  /** The demo shop's shipping options, payment methods, return window and cancellation fee. */
  public static ShopPolicies policies() {
    try (InputStream in = resource("demo/policies.json")) {
      return CommerceJson.toPolicies(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The order with its offsets ({@code placedDaysAgo}, {@code deliveredDaysAgo}, {@code expectedDeliveryInDays},
   * and the refund's {@code requestedDaysAgo}, {@code refundedDaysAgo}) turned into dates counted back from
   * {@code now}; the refund's amount is the order's total unless the file gives one.
   */
  static JsonObject dated(JsonObject order, Instant now) {
    JsonObject o = order.copy();
    putInstant(o, "placedAt", now, o.remove("placedDaysAgo"));
    putInstant(o, "deliveredAt", now, o.remove("deliveredDaysAgo"));
    Object inDays = o.remove("expectedDeliveryInDays");
    if (inDays != null) {
      o.put("expectedDelivery", now.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(((Number) inDays).longValue())
        .toString());
    }
    JsonObject refund = o.getJsonObject("refund");
    if (refund != null) {
      putInstant(refund, "requestedAt", now, refund.remove("requestedDaysAgo"));
      putInstant(refund, "refundedAt", now, refund.remove("refundedDaysAgo"));
      if (!refund.containsKey("amountCents")) {
        refund.put("amountCents", totalCents(o));
      }
    }
    return o;
  }

  private static void putInstant(JsonObject o, String field, Instant now, Object daysAgo) {
    if (daysAgo != null) {
      long seconds = Math.round(((Number) daysAgo).doubleValue() * Duration.ofDays(1).toSeconds());
      o.put(field, now.minusSeconds(seconds).truncatedTo(ChronoUnit.MINUTES).toString());
    }
  }

  /** What the shopper paid: the lines plus shipping. */
  static long totalCents(JsonObject order) {
    long total = order.getInteger("shippingCents", 0);
    for (Object item : order.getJsonArray("items", new JsonArray())) {
      JsonObject line = (JsonObject) item;
      total += (long) line.getInteger("quantity") * line.getInteger("unitPriceCents");
    }
    return total;
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

  private static InputStream resource(String resource) {
    InputStream in = DemoShop.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("demo resource missing: " + resource);
    }
    return in;
  }

  static List<JsonObject> jsonLines(String resource) {
    List<JsonObject> out = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource(resource), StandardCharsets.UTF_8))) {
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
