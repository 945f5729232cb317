package com.shopchat.recommend;

import com.shopchat.commerce.Product;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A small shop with known behaviour, shared by the recommender tests. */
final class Fixture {

  static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

  private Fixture() {
  }

  static Product product(String sku, String category, String brand, long price, int stock, String color,
      List<String> sizes, String title) {
    return new Product(sku, title, title + " by " + brand, category, brand, price, "EUR", stock, null,
        new JsonObject().put("color", color).put("sizes", new JsonArray(sizes)).put("material", "cotton"));
  }

  /**
   * Shoes SH0..SH9, shirts TS0..TS9, socks SO0..SO9, hats HA0..HA9. Brands Acme (even) and Bolt (odd); colours
   * red (index < 5) and blue; sizes S/M for even, L/XL for odd; price 1000 + 500 × index cents. SH9 is out of
   * stock.
   */
  static List<Product> catalog() {
    List<Product> out = new ArrayList<>();
    String[][] categories = {{"SH", "Shoes", "Runner shoe"}, {"TS", "Shirts", "Cotton shirt"},
      {"SO", "Socks", "Wool socks"}, {"HA", "Hats", "Sun hat"}};
    for (String[] c : categories) {
      for (int i = 0; i < 10; i++) {
        out.add(product(c[0] + i, c[1], i % 2 == 0 ? "Acme" : "Bolt", 1000 + 500L * i,
            c[0].equals("SH") && i == 9 ? 0 : 5, i < 5 ? "red" : "blue",
            i % 2 == 0 ? List.of("S", "M") : List.of("L", "XL"), c[2] + " " + i));
      }
    }
    return out;
  }

  static BehaviourEvent event(String user, EventType type, String sku, int daysAgo) {
    return new BehaviourEvent(user + type + sku + daysAgo, type, user, null, List.of(sku),
        NOW.minusSeconds(86_400L * daysAgo), null, null, null, null);
  }

  /**
   * Twenty shoppers view SH0 then SH1 (and SH9, sold out), five view SH0 and SH2; ten buy SH4 with SO0 (socks go
   * with shoes); popularity HA0 > TS0 > everything else via many single views.
   */
  static List<BehaviourEvent> events() {
    List<BehaviourEvent> out = new ArrayList<>();
    for (int u = 0; u < 20; u++) {
      out.add(event("v" + u, EventType.VIEW, "SH0", 1));
      out.add(event("v" + u, EventType.VIEW, "SH1", 1));
      out.add(event("v" + u, EventType.VIEW, "SH9", 1));
    }
    for (int u = 0; u < 5; u++) {
      out.add(event("w" + u, EventType.VIEW, "SH0", 1));
      out.add(event("w" + u, EventType.VIEW, "SH2", 1));
    }
    for (int u = 0; u < 10; u++) {
      out.add(event("b" + u, EventType.PURCHASE, "SH4", 2));
      out.add(event("b" + u, EventType.PURCHASE, "SO0", 2));
    }
    for (int u = 0; u < 200; u++) {
      out.add(event("p" + u, EventType.VIEW, "HA0", 3));
    }
    for (int u = 0; u < 150; u++) {
      out.add(event("q" + u, EventType.VIEW, "TS0", 3));
    }
    return out;
  }

  static RecommenderModel model() {
    return new RecommenderTrainer(settings()).train(catalog(), events(), NOW).model();
  }

  static RecommenderTrainer.Settings settings() {
    return new RecommenderTrainer.Settings(EventWeights.DEFAULT, new ItemKnn.Settings(20, 500, 0.5, 1),
        new ImplicitAls.Settings(8, 10, 10, 0.1, 3, 7, 1), Blend.DEFAULT);
  }

  static ShopperProfile viewed(String... skus) {
    return new ShopperProfile("s", "en", Map.of(), Map.of(), null, List.of(skus), List.of(), Set.of(), NOW);
  }

  static RecommendationContext context(String category, String brand, Long min, Long max, String color,
      String size) {
    return new RecommendationContext(category, brand, min, max, color, size, List.of(), Set.of());
  }
}
