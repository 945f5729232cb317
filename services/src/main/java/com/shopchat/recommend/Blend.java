package com.shopchat.recommend;

/**
 * How the hybrid ranking weighs its sources, each on a 0..1 scale (neighbour sums divided by their largest):
 * viewed together (item kNN), bought together (complements; multiplied by {@code anchorBoost} when the
 * conversation names the items, e.g. an order just discussed), latent factors (iALS), content similarity and
 * popularity. One record so that the server and the offline evaluation rank alike.
 */
public record Blend(double viewedTogether, double boughtTogether, double latent, double content, double popularity,
    double anchorBoost) {

  public static final Blend DEFAULT = new Blend(1.0, 0.8, 1.0, 0.5, 0.3, 3.0);
}
