package com.shopchat.commerce;

import java.time.Instant;

/**
 * The refund of one order. {@code status}: requested (return started, parcel not yet received), approved
 * (received, refund on its way), refunded (money sent), rejected. {@code method} is where the money goes
 * ("original payment method", "store credit").
 */
public record Refund(String orderNumber, String status, long amountCents, String currency, Instant requestedAt,
                     Instant refundedAt, String method) {}
