package com.shopchat.demo;

import com.shopchat.recommend.BehaviourEvent;
import com.shopchat.recommend.EventType;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * A month of made-up browsing in the demo shop, so its recommendations have something to learn from: visitors
 * who each favour a category look at a few of its products in a session (and now and then at another
 * category's), put some in the bag, and sometimes buy one together with an item of the category that goes
 * with it (footwear with outdoor gear, apparel with footwear, …). Deterministic for a seed.
 */
public final class DemoBehaviour {

  /** What is bought together with what, by category. */
  private static final Map<String, String> GOES_WITH = Map.of(
    "footwear", "outdoor", "outdoor", "footwear", "apparel", "footwear", "electronics", "home", "home", "electronics");

  private DemoBehaviour() {
  }

  /** {@code visitors} visitors' sessions over the 30 days before {@code now}. */
  public static List<BehaviourEvent> generate(List<JsonObject> products, int visitors, Instant now, long seed) {
    Random random = new Random(seed);
    Map<String, List<JsonObject>> byCategory = products.stream().filter(p -> p.getInteger("stock", 0) > 0)
      .collect(Collectors.groupingBy(p -> p.getString("category")));
    List<String> categories = byCategory.keySet().stream().sorted().toList();
    List<BehaviourEvent> events = new ArrayList<>();
    for (int v = 0; v < visitors; v++) {
      String visitor = "demo-visitor-" + v;
      String favourite = categories.get(random.nextInt(categories.size()));
      int sessions = 1 + random.nextInt(3);
      for (int s = 0; s < sessions; s++) {
        Instant at = now.minus(Duration.ofMinutes(1 + random.nextInt(30 * 24 * 60)));
        int views = 3 + random.nextInt(5);
        List<JsonObject> seen = new ArrayList<>();
        for (int i = 0; i < views; i++) {
          String category = random.nextInt(5) == 0 ? categories.get(random.nextInt(categories.size())) : favourite;
          JsonObject p = pick(byCategory.get(category), random);
          seen.add(p);
          at = at.plusSeconds(20 + random.nextInt(200));
          events.add(event(visitor, EventType.VIEW, List.of(p), at, events.size()));
        }
        if (random.nextInt(3) == 0) {
          JsonObject chosen = seen.get(random.nextInt(seen.size()));
          at = at.plusSeconds(30);
          events.add(event(visitor, EventType.ADD_TO_CART, List.of(chosen), at, events.size()));
          if (random.nextBoolean()) {
            List<JsonObject> basket = new ArrayList<>(List.of(chosen));
            String partner = GOES_WITH.get(chosen.getString("category"));
            if (partner != null && byCategory.containsKey(partner) && random.nextInt(3) > 0) {
              basket.add(pick(byCategory.get(partner), random));
            }
            at = at.plusSeconds(120);
            events.add(event(visitor, EventType.PURCHASE, basket, at, events.size()));
          }
        }
      }
    }
    return events;
  }

  /** Popular products come up more often: the catalog's first products of a category are its best sellers. */
  private static JsonObject pick(List<JsonObject> products, Random random) {
    double u = random.nextDouble();
    return products.get((int) (u * u * products.size()));
  }

  private static BehaviourEvent event(String visitor, EventType type, List<JsonObject> products, Instant at, int n) {
    long price = products.stream().mapToLong(p -> p.getInteger("priceCents", 0)).sum();
    return new BehaviourEvent("demo-" + n, type, visitor, null, products.stream().map(p -> p.getString("sku")).toList(),
      at, null, null, type == EventType.PURCHASE ? price : null, null);
  }
}
