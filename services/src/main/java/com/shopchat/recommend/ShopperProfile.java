package com.shopchat.recommend;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the platform knows of one shopper's taste, kept up to date from events and conversations.
 * Affinities are time-decayed weights (higher = stronger, not normalised); {@code priceBand} is null until
 * there is evidence; lists are newest first. {@code key} is the shopper id, or the visitor id before sign-in.
 */
public record ShopperProfile(
  String key,
  String locale,
  Map<String, Double> categoryAffinity,
  Map<String, Double> brandAffinity,
  PriceBand priceBand,
  List<String> recentViews,
  List<String> cart,
  Set<String> purchased,
  Instant updatedAt) {

  public ShopperProfile {
    categoryAffinity = Map.copyOf(categoryAffinity);
    brandAffinity = Map.copyOf(brandAffinity);
    recentViews = List.copyOf(recentViews);
    cart = List.copyOf(cart);
    purchased = Set.copyOf(purchased);
  }

  /** A visitor the platform has seen nothing from. */
  public static ShopperProfile empty(String key, String locale) {
    return new ShopperProfile(key, locale, Map.of(), Map.of(), null, List.of(), List.of(), Set.of(), null);
  }

  /** The prices (cents) the shopper usually looks at and buys: a low and a high quantile. */
  public record PriceBand(long lowCents, long highCents) {}
}
