package com.shopchat.commerce;

import io.vertx.core.Future;
import java.util.List;

/**
 * The shop's own system, as the bot sees it: orders, returns, refunds, catalog and policies. The platform
 * talks to it over HTTP ({@link HttpShopBackend}); the demo shop serves the same API over the demo tables.
 *
 * <p>Every method completes on the caller's context. A lookup of something that does not exist succeeds
 * with {@code null} (or an empty list); a backend that cannot be reached, times out or answers with a
 * server error fails the future with {@link BackendUnavailableException}, so the bot can say so plainly
 * instead of guessing.
 */
public interface ShopBackend {

  /** The order with that number, or {@code null}. */
  Future<Order> order(String orderNumber);

  /** The shopper's orders, newest first. */
  Future<List<Order>> ordersOf(String shopperId, int limit);

  /** Cancels the order if its state allows; the result says why not otherwise. Not retried. */
  Future<ActionResult> cancel(String orderNumber, String reason);

  /** Changes where an order not yet shipped goes. Not retried. */
  Future<ActionResult> changeAddress(String orderNumber, Address address);

  /** Starts a return of the whole order (refund to the original payment method). Not retried. */
  Future<ActionResult> startReturn(String orderNumber, String reason);

  /** The refund of the order, or {@code null} when none was ever started. */
  Future<Refund> refund(String orderNumber);

  /** Products matching the query, best first. */
  Future<List<Product>> searchProducts(ProductQuery query);

  /** One product, or {@code null}. */
  Future<Product> product(String sku);

  /** Shipping options, payment methods, return window and fees. */
  Future<ShopPolicies> policies();
}
