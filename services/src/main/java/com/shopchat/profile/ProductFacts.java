package com.shopchat.profile;

/** What a profile needs to know of a product: where it sits in the catalog and what it costs. */
public record ProductFacts(String sku, String category, String brand, long priceCents) {}
