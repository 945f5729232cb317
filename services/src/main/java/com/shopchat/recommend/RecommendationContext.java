package com.shopchat.recommend;

import java.util.List;
import java.util.Set;

/**
 * What the conversation asks of the recommendations: the shopper's request (from NLU entities; null = any),
 * the products it is about ({@code anchorSkus}, e.g. the items of the order just discussed, for complementary
 * items) and products never to show.
 */
public record RecommendationContext(
  String category,
  String brand,
  Long minPriceCents,
  Long maxPriceCents,
  String color,
  String size,
  List<String> anchorSkus,
  Set<String> excludeSkus) {

  public RecommendationContext {
    anchorSkus = List.copyOf(anchorSkus);
    excludeSkus = Set.copyOf(excludeSkus);
  }

  /** No constraint: "what would you recommend?". */
  public static RecommendationContext none() {
    return new RecommendationContext(null, null, null, null, null, null, List.of(), Set.of());
  }
}
