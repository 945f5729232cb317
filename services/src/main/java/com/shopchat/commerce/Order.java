package com.shopchat.commerce;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An order as the shop reports it. {@code status} is one of pending, paid, processing, shipped, delivered,
 * cancelled, return_requested, refunded. {@code email} is the address on the order (used to let an anonymous
 * shopper prove the order is theirs). Tracking fields are null until the order ships.
 */
public record Order(
  String number,
  String shopperId,
  String email,
  String status,
  Instant placedAt,
  String carrier,
  String trackingNumber,
  String trackingUrl,
  LocalDate expectedDelivery,
  Instant deliveredAt,
  Address shippingAddress,
  List<OrderLine> lines,
  long totalCents,
  String currency) {

  public static final String PENDING = "pending";
  public static final String PAID = "paid";
  public static final String PROCESSING = "processing";
  public static final String SHIPPED = "shipped";
  public static final String DELIVERED = "delivered";
  public static final String CANCELLED = "cancelled";
  public static final String RETURN_REQUESTED = "return_requested";
  public static final String REFUNDED = "refunded";

  /** Not yet handed to the carrier: can still be cancelled or sent elsewhere. */
  public boolean beforeShipping() {
    return status.equals(PENDING) || status.equals(PAID) || status.equals(PROCESSING);
  }

  /** One line of an order. {@code returnable} is false for final-sale items. */
  public record OrderLine(int line, String sku, String title, int quantity, long unitPriceCents, boolean returnable) {}
}
