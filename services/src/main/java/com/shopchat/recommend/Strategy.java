package com.shopchat.recommend;

import java.util.Arrays;
import java.util.Optional;

/** Which recommender serves a request; experiments compare them. */
public enum Strategy {
  /** Every candidate source, ranked together. */
  HYBRID("hybrid"),
  /** Popular and trending items only (the cold-start baseline). */
  POPULARITY("popularity"),
  /** Items like what the shopper viewed, bought or asked for, by category, brand, attributes and text. */
  CONTENT("content");

  private final String wire;

  Strategy(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<Strategy> fromWire(String name) {
    return Arrays.stream(values()).filter(s -> s.wire.equals(name)).findFirst();
  }
}
