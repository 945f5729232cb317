package com.shopchat.experiment;

/**
 * One variant's attributed funnel: impressions shown, and how many of them were clicked, added to cart and
 * purchased (each impression counted at most once per stage), with the revenue of the attributed purchases.
 */
public record VariantCounts(String variant, long impressions, long clicked, long carted, long purchased,
  long revenueCents) {

  /** A variant nobody has seen yet. */
  public static VariantCounts none(String variant) {
    return new VariantCounts(variant, 0, 0, 0, 0, 0);
  }
}
