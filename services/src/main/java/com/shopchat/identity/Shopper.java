package com.shopchat.identity;

/** A shopper the shop vouched for: their id in the shop, and their name when the shop told us (else null). */
public record Shopper(String id, String name) {}
