package com.shopchat.demo;

/** Every SQL statement the demo shop backend runs, in one place; all are prepared with {@code $n} parameters. */
final class ShopQueries {

  private ShopQueries() {
  }

  private static final String ORDER_COLUMNS = """
    SELECT o.order_number, o.shopper_id, s.email, o.status, o.placed_at, o.carrier, o.tracking_number,
           o.expected_delivery, o.delivered_at, o.shipping_address, o.shipping_cents, o.currency
    FROM orders o JOIN shoppers s ON s.id = o.shopper_id""";

  static final String ORDER = ORDER_COLUMNS + " WHERE o.order_number = $1";

  // Changes to one order are decided on the row as locked here, so two at once cannot both pass the check.
  static final String LOCK_ORDER = ORDER_COLUMNS + " WHERE o.order_number = $1 FOR UPDATE OF o";

  static final String ORDERS_OF = ORDER_COLUMNS
    + " WHERE o.shopper_id = $1 ORDER BY o.placed_at DESC, o.order_number DESC LIMIT $2";

  // A line is returnable unless its product is marked final sale in the catalog.
  static final String ORDER_LINES = """
    SELECT i.order_number, i.line, i.sku, p.title, i.quantity, i.unit_price_cents,
           NOT coalesce(p.attributes -> 'finalSale' = 'true'::jsonb, false) AS returnable
    FROM order_items i JOIN products p ON p.sku = i.sku
    WHERE i.order_number = ANY($1) ORDER BY i.order_number, i.line""";

  static final String CANCEL_ORDER = """
    UPDATE orders SET status = 'cancelled', cancelled_at = now(), cancellation_reason = $2,
                      cancellation_fee_cents = $3
    WHERE order_number = $1""";

  static final String CHANGE_ADDRESS = """
    UPDATE orders SET shipping_address = $2 WHERE order_number = $1""";

  static final String MARK_RETURN_REQUESTED = """
    UPDATE orders SET status = 'return_requested' WHERE order_number = $1""";

  static final String INSERT_REFUND = """
    INSERT INTO refunds (order_number, status, amount_cents, currency, reason) VALUES ($1, $2, $3, $4, $5)""";

  static final String REFUND = """
    SELECT order_number, status, amount_cents, currency, method, requested_at, refunded_at
    FROM refunds WHERE order_number = $1""";

  private static final String PRODUCT_COLUMNS = """
    SELECT sku, title, description, category, brand, price_cents, currency, stock, image, attributes FROM products""";

  static final String PRODUCT = PRODUCT_COLUMNS + " WHERE sku = $1";

  /*
   * Every filter is optional (null matches all). $7 holds the text's words as ILIKE patterns; each must appear in
   * the title or description. In stock first, then products whose titles hold more of the words.
   */
  static final String SEARCH_PRODUCTS = PRODUCT_COLUMNS + """

    WHERE ($1::text IS NULL OR lower(category) = lower($1))
      AND ($2::text IS NULL OR lower(brand) = lower($2))
      AND ($3::bigint IS NULL OR price_cents >= $3)
      AND ($4::bigint IS NULL OR price_cents <= $4)
      AND ($5::text IS NULL OR attributes ->> 'color' ILIKE $5)
      AND ($6::text IS NULL OR EXISTS (
            SELECT 1 FROM jsonb_array_elements_text(
              CASE WHEN jsonb_typeof(attributes -> 'sizes') = 'array' THEN attributes -> 'sizes' ELSE '[]' END) size
            WHERE lower(size) = lower($6)))
      AND NOT EXISTS (SELECT 1 FROM unnest($7::text[]) word WHERE NOT (title ILIKE word OR description ILIKE word))
    ORDER BY stock > 0 DESC, (SELECT count(*) FROM unnest($7::text[]) word WHERE title ILIKE word) DESC,
             price_cents, sku
    LIMIT $8""";
}
