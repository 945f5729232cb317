package com.shopchat.recommend;

import java.util.Arrays;
import java.util.Optional;

/** What a shopper did with the catalog, as {@code POST /api/events} and the widget name it on the wire. */
public enum EventType {
  VIEW("view"),
  CLICK("click"),
  ADD_TO_CART("add_to_cart"),
  REMOVE_FROM_CART("remove_from_cart"),
  PURCHASE("purchase"),
  SEARCH("search"),
  RATE("rate");

  private final String wire;

  EventType(String wire) {
    this.wire = wire;
  }

  /** The name on the wire and in the database. */
  public String wire() {
    return wire;
  }

  /** The type named {@code name} on the wire, if there is one. */
  public static Optional<EventType> fromWire(String name) {
    return Arrays.stream(values()).filter(t -> t.wire.equals(name)).findFirst();
  }
}
