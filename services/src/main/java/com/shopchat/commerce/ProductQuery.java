package com.shopchat.commerce;

/**
 * A catalog search from what the shopper said; every field but {@code limit} may be null. Prices in cents.
 * {@code color} and {@code size} match the product's attributes; {@code text} matches title and description.
 */
public record ProductQuery(String text, String category, String brand, Long minPriceCents, Long maxPriceCents,
                           String color, String size, int limit) {}
