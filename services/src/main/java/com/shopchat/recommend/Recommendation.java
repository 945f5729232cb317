package com.shopchat.recommend;

/**
 * One recommended product with its score (comparable within one answer only) and why it is recommended.
 * {@code anchorSku} is the product the reason refers to ("because you viewed …"), null for reasons without one.
 */
public record Recommendation(String sku, double score, Reason reason, String anchorSku) {

  /** Why a product is recommended; the dialogue turns it into words for the card. */
  public enum Reason {
    /** Shoppers who viewed {@code anchorSku} also viewed this. */
    VIEWED_TOGETHER,
    /** Shoppers who bought {@code anchorSku} also bought this (complementary). */
    BOUGHT_TOGETHER,
    /** Like {@code anchorSku}: same category, brand, attributes or words. */
    SIMILAR,
    /** Fits the shopper's taste (latent factors, affinities). */
    FOR_YOU,
    /** Matches what the shopper asked for. */
    MATCHES_REQUEST,
    /** Popular or trending in the shop. */
    POPULAR
  }
}
