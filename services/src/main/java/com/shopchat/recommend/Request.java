package com.shopchat.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One recommendation request resolved against the catalog: the history as item numbers, the hard constraints as
 * interned ids, and the items never to show (bought, in the cart, just viewed, anchors, excluded) as a sorted
 * array behind a bit filter, so that {@link #eligible} is a handful of array reads.
 */
final class Request {

  final CatalogIndex catalog;
  final int[] views;
  final int[] cart;
  final int[] purchased;
  final int[] anchors;
  final int category;
  final int brand;
  final int color;
  final int size;
  final long minPrice;
  final long maxPrice;
  final boolean constrained;
  final boolean impossible;
  final float[] categoryBoost;
  final float[] brandBoost;
  final ShopperProfile.PriceBand priceBand;
  private final int[] blocked;
  /** A 1024-bit filter of {@link #blocked}: most items are not blocked, and one bit test tells so. */
  private final long[] blockedFilter = new long[16];

  /** How many recent views the history keeps: older ones say little about the visit at hand. */
  static final int MAX_VIEWS = 20;

  Request(CatalogIndex catalog, ShopperProfile profile, RecommendationContext ctx) {
    this.catalog = catalog;
    views = items(catalog, profile.recentViews(), MAX_VIEWS);
    cart = items(catalog, profile.cart(), 50);
    purchased = items(catalog, new ArrayList<>(profile.purchased()), 200);
    anchors = items(catalog, ctx.anchorSkus(), 20);
    category = catalog.categoryId(ctx.category());
    brand = catalog.brandId(ctx.brand());
    color = catalog.colorId(ctx.color());
    size = catalog.sizeId(ctx.size());
    minPrice = ctx.minPriceCents() == null ? Long.MIN_VALUE : ctx.minPriceCents();
    maxPrice = ctx.maxPriceCents() == null ? Long.MAX_VALUE : ctx.maxPriceCents();
    constrained = category != -2 || brand != -2 || color != -2 || size != -2
        || ctx.minPriceCents() != null || ctx.maxPriceCents() != null;
    // A category, brand, colour or size no product has matches nothing; so does an empty price range.
    impossible = category == -1 || brand == -1 || color == -1 || size == -1 || minPrice > maxPrice;
    categoryBoost = boosts(profile.categoryAffinity(), catalog::categoryId, catalog.categoryCount());
    brandBoost = boosts(profile.brandAffinity(), catalog::brandId, -1);
    priceBand = profile.priceBand();
    blocked = blocked(catalog, profile, ctx);
    for (int item : blocked) {
      blockedFilter[(item >>> 6) & 15] |= 1L << item;
    }
  }

  boolean hasHistory() {
    return views.length + cart.length + purchased.length + anchors.length > 0;
  }

  /** In stock, not blocked, and within every hard constraint of the context. */
  boolean eligible(int item) {
    CatalogIndex c = catalog;
    if (!c.inStock(item)) {
      return false;
    }
    if (category >= 0 && c.category(item) != category || brand >= 0 && c.brand(item) != brand
        || color >= 0 && c.color(item) != color) {
      return false;
    }
    long p = c.price(item);
    if (p < minPrice || p > maxPrice) {
      return false;
    }
    if (size >= 0 && !c.hasSize(item, size)) {
      return false;
    }
    return (blockedFilter[(item >>> 6) & 15] >>> item & 1) == 0 || Arrays.binarySearch(blocked, item) < 0;
  }

  /** The profile's affinity for the item's category and brand, as a factor ≥ 1. */
  double affinityFactor(int item) {
    double f = 1;
    int cat = catalog.category(item);
    if (categoryBoost != null && cat >= 0 && cat < categoryBoost.length) {
      f += 0.25 * categoryBoost[cat];
    }
    int b = catalog.brand(item);
    if (brandBoost != null && b >= 0 && b < brandBoost.length) {
      f += 0.15 * brandBoost[b];
    }
    return f;
  }

  /** 1 inside the shopper's usual price band, falling off with the distance outside it. */
  double priceFactor(int item) {
    if (priceBand == null) {
      return 1;
    }
    long p = catalog.price(item);
    long low = priceBand.lowCents();
    long high = Math.max(low, priceBand.highCents());
    long distance = p < low ? low - p : p > high ? p - high : 0;
    double width = Math.max(1, Math.max(high - low, low / 4.0));
    return 1 / (1 + 0.5 * distance / width);
  }

  private static int[] items(CatalogIndex catalog, List<String> skus, int limit) {
    int[] out = new int[Math.min(limit, skus.size())];
    int n = 0;
    for (String sku : skus) {
      if (n == out.length) {
        break;
      }
      int i = catalog.item(sku);
      if (i >= 0) {
        out[n++] = i;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static int[] blocked(CatalogIndex catalog, ShopperProfile profile, RecommendationContext ctx) {
    List<String> all = new ArrayList<>(profile.recentViews());
    all.addAll(profile.cart());
    all.addAll(profile.purchased());
    all.addAll(ctx.anchorSkus());
    all.addAll(ctx.excludeSkus());
    return all.stream().mapToInt(catalog::item).filter(i -> i >= 0).sorted().distinct().toArray();
  }

  /** Affinities by interned id, divided by the largest; null when the profile has none. */
  private static float[] boosts(Map<String, Double> affinity, java.util.function.ToIntFunction<String> id,
      int size) {
    if (affinity.isEmpty()) {
      return null;
    }
    double max = affinity.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    if (max <= 0) {
      return null;
    }
    int n = size;
    if (n < 0) {
      n = affinity.keySet().stream().mapToInt(id::applyAsInt).max().orElse(-1) + 1;
    }
    float[] out = new float[Math.max(0, n)];
    for (Map.Entry<String, Double> e : affinity.entrySet()) {
      int k = id.applyAsInt(e.getKey());
      if (k >= 0 && k < out.length && e.getValue() != null) {
        out[k] = (float) Math.max(0, e.getValue() / max);
      }
    }
    return out;
  }
}
