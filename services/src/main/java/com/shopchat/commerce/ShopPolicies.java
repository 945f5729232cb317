package com.shopchat.commerce;

import java.util.List;

/**
 * The shop's rules the bot quotes with real figures: how it ships where, how one can pay, how long returns
 * are accepted after delivery, and what a cancellation costs once an order is being processed.
 */
public record ShopPolicies(List<ShippingOption> shipping, List<String> paymentMethods, int returnWindowDays,
                           long cancellationFeeCents, String currency) {

  /**
   * A way of shipping: {@code countries} are ISO alpha-2 codes (empty = everywhere else), days are working
   * days, free above {@code freeOverCents} when that is positive.
   */
  public record ShippingOption(String id, String name, List<String> countries, int minDays, int maxDays,
                               long priceCents, long freeOverCents) {}
}
