package com.shopchat.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.shopchat.commerce.Address;
import com.shopchat.commerce.Order;
import com.shopchat.commerce.Order.OrderLine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The demo shop's order rules")
class OrderRulesTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final OrderLine SWEATER = new OrderLine(1, "AP-1001", "Merino Crew Sweater", 1, 7900, true);
  private static final OrderLine SOCKS = new OrderLine(2, "FW-2011", "Merino Hiking Socks", 1, 2400, false);

  private static Order order(String status, Instant deliveredAt, OrderLine... lines) {
    return new Order("MT-1", "shopper-anna", "anna@example.com", status, NOW.minus(Duration.ofDays(40)), null, null,
      null, null, deliveredAt, null, List.of(lines), 7900, "EUR");
  }

  @Test
  @DisplayName("Cancelling and re-addressing are allowed while pending, paid or processing, and never after.")
  void beforeShipping() {
    for (String status : List.of(Order.PENDING, Order.PAID, Order.PROCESSING)) {
      assertNull(OrderRules.beforeShippingRefusal(order(status, null, SWEATER)), status);
    }
    for (String status : List.of(Order.SHIPPED, Order.DELIVERED, Order.RETURN_REQUESTED, Order.REFUNDED)) {
      assertEquals("already_shipped", OrderRules.beforeShippingRefusal(order(status, null, SWEATER)), status);
    }
    assertEquals("already_cancelled", OrderRules.beforeShippingRefusal(order(Order.CANCELLED, null, SWEATER)));
  }

  @Test
  @DisplayName("The return window runs 30 days from the minute of delivery, both ends included.")
  void returnWindow() {
    Instant exactly30 = NOW.minus(Duration.ofDays(30));
    assertNull(OrderRules.returnRefusal(order(Order.DELIVERED, NOW, SWEATER), 30, NOW));
    assertNull(OrderRules.returnRefusal(order(Order.DELIVERED, exactly30, SWEATER), 30, NOW));
    assertEquals("outside_return_window", OrderRules.returnRefusal(
      order(Order.DELIVERED, exactly30.minusSeconds(60), SWEATER), 30, NOW));
  }

  @Test
  @DisplayName("A return is refused for a final-sale line, an order not delivered, and one already returned.")
  void returnRefusals() {
    Instant recently = NOW.minus(Duration.ofDays(3));
    assertEquals("not_returnable", OrderRules.returnRefusal(order(Order.DELIVERED, recently, SWEATER, SOCKS), 30, NOW));
    assertEquals("not_delivered", OrderRules.returnRefusal(order(Order.SHIPPED, null, SWEATER), 30, NOW));
    assertEquals("not_delivered", OrderRules.returnRefusal(order(Order.CANCELLED, null, SWEATER), 30, NOW));
    assertEquals("return_exists", OrderRules.returnRefusal(order(Order.RETURN_REQUESTED, recently, SWEATER), 30, NOW));
    assertEquals("return_exists", OrderRules.returnRefusal(order(Order.REFUNDED, recently, SWEATER), 30, NOW));
  }

  @Test
  @DisplayName("An address needs every field, at most 200 characters each, and a country the shop ships to.")
  void deliverable() {
    Set<String> shipsTo = Set.of("DE", "AT");
    Address berlin = OrderRules.normalized(new Address(" Anna ", "Hauptstraße 12", "Berlin", "10115", " de "));
    assertEquals(new Address("Anna", "Hauptstraße 12", "Berlin", "10115", "DE"), berlin);
    assertTrue(OrderRules.deliverable(berlin, shipsTo));
    assertFalse(OrderRules.deliverable(new Address("Anna", "Hauptstraße 12", "Berlin", "10115", "US"), shipsTo));
    assertFalse(OrderRules.deliverable(new Address("Anna", "", "Berlin", "10115", "DE"), shipsTo));
    assertFalse(OrderRules.deliverable(new Address("Anna", "Hauptstraße 12", null, "10115", "DE"), shipsTo));
    assertFalse(OrderRules.deliverable(new Address("A".repeat(201), "Hauptstraße 12", "Berlin", "10115", "DE"),
      shipsTo));
    assertFalse(OrderRules.deliverable(null, shipsTo));
  }
}
