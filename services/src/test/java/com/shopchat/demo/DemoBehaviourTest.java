package com.shopchat.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.recommend.BehaviourEvent;
import com.shopchat.recommend.EventType;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The demo shop's made-up browsing")
class DemoBehaviourTest {

  private static final List<JsonObject> PRODUCTS = DemoShop.load().products();
  private static final Map<String, JsonObject> BY_SKU = PRODUCTS.stream()
    .collect(Collectors.toMap(p -> p.getString("sku"), Function.identity()));
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  @DisplayName("is the same for a seed, of in-stock catalog products, within the last 30 days, ids unique")
  void deterministicAndValid() {
    List<BehaviourEvent> events = DemoBehaviour.generate(PRODUCTS, 300, NOW, 6);
    assertEquals(events, DemoBehaviour.generate(PRODUCTS, 300, NOW, 6));
    assertTrue(events.size() > 1000, "events: " + events.size());
    assertEquals(events.size(), events.stream().map(BehaviourEvent::eventId).distinct().count());
    for (BehaviourEvent e : events) {
      assertTrue(e.at().isBefore(NOW.plus(Duration.ofDays(1))) && e.at().isAfter(NOW.minus(Duration.ofDays(31))),
        e.toString());
      for (String sku : e.skus()) {
        assertTrue(BY_SKU.get(sku).getInteger("stock") > 0, sku);
      }
    }
  }

  @Test
  @DisplayName("mostly keeps a visitor's views in one category, and buys footwear with outdoor gear")
  void tastesAndBaskets() {
    List<BehaviourEvent> events = DemoBehaviour.generate(PRODUCTS, 300, NOW, 6);
    Map<String, List<String>> viewedCategories = events.stream().filter(e -> e.type() == EventType.VIEW)
      .collect(Collectors.groupingBy(BehaviourEvent::visitorId,
        Collectors.mapping(e -> BY_SKU.get(e.skus().get(0)).getString("category"), Collectors.toList())));
    long focused = viewedCategories.values().stream().filter(cats -> {
      long top = cats.stream().collect(Collectors.groupingBy(c -> c, Collectors.counting())).values().stream()
        .mapToLong(Long::longValue).max().orElse(0);
      return top * 2 > cats.size();
    }).count();
    assertTrue(focused > viewedCategories.size() * 0.8, focused + " of " + viewedCategories.size());
    long footwearWithOutdoor = events.stream().filter(e -> e.type() == EventType.PURCHASE && e.skus().size() == 2)
      .map(e -> e.skus().stream().map(s -> BY_SKU.get(s).getString("category")).sorted().toList())
      .filter(List.of("footwear", "outdoor")::equals).count();
    assertTrue(footwearWithOutdoor >= 5, "footwear+outdoor baskets: " + footwearWithOutdoor);
  }
}
