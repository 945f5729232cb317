package com.shopchat.promotion;

import java.time.Instant;

/**
 * What the promotion rules look at: how many purchases the shopper made, the cart's value, since when items have
 * sat in the cart unbought ({@code null}: nothing carted since the last purchase), and how many product views
 * came since the last purchase while the cart stayed empty.
 */
public record ShopperFacts(long purchases, long cartCents, Instant cartedSince, long viewsWithoutCart) {

  public static final ShopperFacts NONE = new ShopperFacts(0, 0, null, 0);
}
