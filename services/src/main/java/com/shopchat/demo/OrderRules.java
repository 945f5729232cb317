package com.shopchat.demo;

import com.shopchat.commerce.Address;
import com.shopchat.commerce.Order;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/** The demo shop's rules for changing an order, decided on the order as it stands; no I/O, so tests drive them directly. */
final class OrderRules {

  static final String ALREADY_CANCELLED = "already_cancelled";
  static final String ALREADY_SHIPPED = "already_shipped";
  static final String RETURN_EXISTS = "return_exists";
  static final String NOT_DELIVERED = "not_delivered";
  static final String OUTSIDE_RETURN_WINDOW = "outside_return_window";
  static final String NOT_RETURNABLE = "not_returnable";
  static final String INVALID_ADDRESS = "invalid_address";

  /** Longest field of an address we store; anything longer is not a real address. */
  static final int MAX_ADDRESS_FIELD = 200;

  private OrderRules() {
  }

  /** Why the order cannot be cancelled or sent elsewhere, or null when it still can: only before it ships. */
  static String beforeShippingRefusal(Order order) {
    if (Order.CANCELLED.equals(order.status())) {
      return ALREADY_CANCELLED;
    }
    return order.beforeShipping() ? null : ALREADY_SHIPPED;
  }

  /**
   * Why the whole order cannot be returned, or null when it can: it must be delivered, not already on its way
   * back, delivered at most {@code windowDays} ago, and hold no final-sale line.
   */
  static String returnRefusal(Order order, int windowDays, Instant now) {
    String status = order.status();
    if (Order.RETURN_REQUESTED.equals(status) || Order.REFUNDED.equals(status)) {
      return RETURN_EXISTS;
    }
    if (!Order.DELIVERED.equals(status) || order.deliveredAt() == null) {
      return NOT_DELIVERED;
    }
    if (now.isAfter(order.deliveredAt().plus(Duration.ofDays(windowDays)))) {
      return OUTSIDE_RETURN_WINDOW;
    }
    return order.lines().stream().allMatch(Order.OrderLine::returnable) ? null : NOT_RETURNABLE;
  }

  /** The address with its fields trimmed and the country upper-cased, as it is stored; null stays null. */
  static Address normalized(Address a) {
    if (a == null) {
      return null;
    }
    return new Address(trim(a.name()), trim(a.line1()), trim(a.city()), trim(a.postcode()),
      a.country() == null ? null : a.country().trim().toUpperCase(Locale.ROOT));
  }

  /** Whether a parcel can go there: every field filled and not absurdly long, a country the shop ships to. */
  static boolean deliverable(Address a, Set<String> shipsTo) {
    return a != null && filled(a.name()) && filled(a.line1()) && filled(a.city()) && filled(a.postcode())
      && a.country() != null && shipsTo.contains(a.country());
  }

  private static boolean filled(String field) {
    return field != null && !field.isBlank() && field.length() <= MAX_ADDRESS_FIELD;
  }

  private static String trim(String field) {
    return field == null ? null : field.trim();
  }
}
