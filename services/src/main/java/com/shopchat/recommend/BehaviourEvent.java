package com.shopchat.recommend;

import java.time.Instant;
import java.util.List;

/**
 * One validated behaviour event. {@code eventId} is the sender's idempotency key (a resend is ignored);
 * {@code shopperId} is null for an anonymous visitor; {@code skus} is empty only for {@code search};
 * {@code query}, {@code rating} (1–5, {@code rate} only), {@code priceCents} and {@code impressionId} (the
 * recommendation impression a card click or add-to-cart came from) and {@code coupon} (the promotion code a purchase
 * used) may be null.
 */
public record BehaviourEvent(
  String eventId,
  EventType type,
  String visitorId,
  String shopperId,
  List<String> skus,
  Instant at,
  String query,
  Integer rating,
  Long priceCents,
  String impressionId,
  String coupon) {

  public BehaviourEvent {
    skus = List.copyOf(skus);
  }

  /** An event without a coupon (every type but a purchase that used one). */
  public BehaviourEvent(String eventId, EventType type, String visitorId, String shopperId, List<String> skus,
                        Instant at, String query, Integer rating, Long priceCents, String impressionId) {
    this(eventId, type, visitorId, shopperId, skus, at, query, rating, priceCents, impressionId, null);
  }

  /** Whose history this is: the shopper when known, else the visitor. */
  public String userKey() {
    return shopperId != null ? shopperId : visitorId;
  }
}
