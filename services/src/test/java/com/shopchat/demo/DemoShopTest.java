package com.shopchat.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The demo shop's orders")
class DemoShopTest {

  private static final DemoShop SHOP = DemoShop.load();
  private static final Map<String, JsonObject> ORDERS = SHOP.orders().stream()
    .collect(Collectors.toMap(o -> o.getString("orderNumber"), Function.identity()));

  private static Duration sinceDelivery(String number) {
    return Duration.between(Instant.parse(ORDERS.get(number).getString("deliveredAt")), Instant.now());
  }

  @Test
  @DisplayName("Offsets become dates counted back from now; the refund's amount defaults to the order's total.")
  void dated() {
    Instant now = Instant.parse("2026-11-23T12:00:00Z");
    JsonObject order = DemoShop.dated(new JsonObject().put("placedDaysAgo", 1.5).put("deliveredDaysAgo", 1)
      .put("expectedDeliveryInDays", -2).put("shippingCents", 495)
      .put("items", new JsonArray().add(new JsonObject().put("quantity", 2).put("unitPriceCents", 2200)))
      .put("refund", new JsonObject().put("status", "refunded").put("requestedDaysAgo", 0.5)
        .put("refundedDaysAgo", 0.25)), now);
    assertEquals("2026-11-22T00:00:00Z", order.getString("placedAt"));
    assertEquals("2026-11-22T12:00:00Z", order.getString("deliveredAt"));
    assertEquals("2026-11-21", order.getString("expectedDelivery"));
    assertEquals(new JsonObject().put("status", "refunded").put("requestedAt", "2026-11-23T00:00:00Z")
      .put("refundedAt", "2026-11-23T06:00:00Z").put("amountCents", 4895L), order.getJsonObject("refund"));
  }

  @Test
  @DisplayName("Cover every order state, with a refund for each return_requested and refunded order.")
  void everyState() {
    assertEquals(Set.of("pending", "paid", "processing", "shipped", "delivered", "cancelled", "return_requested",
      "refunded"), ORDERS.values().stream().map(o -> o.getString("status")).collect(Collectors.toSet()));
    ORDERS.values().stream().filter(o -> Set.of("return_requested", "refunded").contains(o.getString("status")))
      .forEach(o -> assertEquals(o.getString("status").equals("refunded") ? "refunded" : "requested",
        o.getJsonObject("refund").getString("status"), o.getString("orderNumber")));
    ORDERS.values().stream().filter(o -> o.getString("status").equals("shipped")).forEach(o ->
      assertTrue(o.getString("carrier") != null && o.getString("trackingNumber") != null
        && o.getString("expectedDelivery") != null, o.getString("orderNumber")));
  }

  @Test
  @DisplayName("Hold deliveries inside and outside the 30-day return window whenever the demo runs.")
  void returnWindow() {
    assertTrue(sinceDelivery("MT-100005").toDays() < 30);
    assertTrue(sinceDelivery("MT-100017").toDays() < 30);
    assertTrue(sinceDelivery("MT-100001").toDays() > 30);
    assertTrue(sinceDelivery("MT-100021").toDays() < 30);
  }

  @Test
  @DisplayName("Reference only shoppers and products that exist; MT-100021 holds a final-sale item.")
  void references() {
    Set<String> shoppers = SHOP.shoppers().stream().map(s -> s.getString("id")).collect(Collectors.toSet());
    Map<String, JsonObject> products = SHOP.products().stream()
      .collect(Collectors.toMap(p -> p.getString("sku"), Function.identity()));
    ORDERS.values().forEach(o -> {
      assertTrue(shoppers.contains(o.getString("shopperId")), o.getString("orderNumber"));
      o.getJsonArray("items").forEach(i -> assertTrue(products.containsKey(((JsonObject) i).getString("sku"))));
    });
    assertTrue(ORDERS.get("MT-100021").getJsonArray("items").stream()
      .map(i -> products.get(((JsonObject) i).getString("sku")).getJsonObject("attributes"))
      .anyMatch(a -> a.getBoolean("finalSale", false)));
    assertEquals("zh", SHOP.shoppers().stream().filter(s -> s.getString("id").equals("shopper-wangfang"))
      .findFirst().orElseThrow().getString("locale"));
  }
}
