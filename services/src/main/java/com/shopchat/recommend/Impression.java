package com.shopchat.recommend;

import java.time.Instant;
import java.util.List;

/**
 * Product cards shown once in a conversation: which skus in which order, from which strategy, and under which
 * experiment variant ({@code experimentId}/{@code variant} null when no experiment ran). Card clicks and
 * add-to-carts carry the {@code impressionId} back as events.
 */
public record Impression(
  String impressionId,
  String conversationId,
  String visitorId,
  String shopperId,
  String experimentId,
  String variant,
  Strategy strategy,
  List<String> skus,
  Instant at) {

  public Impression {
    skus = List.copyOf(skus);
  }
}
