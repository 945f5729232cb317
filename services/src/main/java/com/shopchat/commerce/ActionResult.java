package com.shopchat.commerce;

/**
 * What a state-changing call did. {@code done} says whether it happened; {@code code} says what or why not:
 * cancelled, cancelled_with_fee (cancelled while processing: the shop keeps its cancellation fee),
 * address_changed, return_started, not_found, already_shipped, already_cancelled, not_delivered,
 * outside_return_window, not_returnable, return_exists, invalid_address. {@code order} is the order after
 * the call (null when not found).
 */
public record ActionResult(boolean done, String code, Order order) {}
