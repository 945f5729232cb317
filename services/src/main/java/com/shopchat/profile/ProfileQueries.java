package com.shopchat.profile;

/** The statements profiles read with; every one prepared with {@code $n} parameters. */
final class ProfileQueries {

  private ProfileQueries() {
  }

  static final String PRODUCTS = """
    SELECT sku, category, brand, price_cents FROM products WHERE sku = ANY($1::text[])""";

  // The shopper's own preference when there is a shopper, else the visitor's last one.
  static final String LOCALE = """
    SELECT COALESCE((SELECT locale FROM shoppers WHERE id = $1), (SELECT locale FROM visitors WHERE id = $2))
      AS locale""";
}
