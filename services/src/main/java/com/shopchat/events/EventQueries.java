package com.shopchat.events;

/** The behaviour-event statements; every one prepared with {@code $n} parameters. */
final class EventQueries {

  private EventQueries() {
  }

  static final String COLUMNS = """
    event_id, type, visitor_id, shopper_id, skus, occurred_at, query, rating, price_cents, impression_id""";

  // A whole batch in one statement: one array per column, unnested side by side. SKU lists differ in length,
  // and PostgreSQL arrays are rectangular, so each event's SKUs travel as one JSON array text.
  static final String INSERT_BATCH = """
    INSERT INTO behaviour_events (event_id, type, visitor_id, shopper_id, skus, occurred_at, query, rating,
                                  price_cents, impression_id, source, coupon)
    SELECT e.id, e.type, e.visitor, e.shopper,
           ARRAY(SELECT s.sku FROM jsonb_array_elements_text(e.skus::jsonb) WITH ORDINALITY AS s(sku, n)
                 ORDER BY s.n),
           e.at, e.query, e.rating, e.price, e.impression, $11, e.coupon
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[],
                  $8::smallint[], $9::bigint[], $10::text[], $12::text[])
           AS e(id, type, visitor, shopper, skus, at, query, rating, price, impression, coupon)
    ON CONFLICT (event_id) DO NOTHING
    RETURNING event_id""";

  // Events whose userKey() is $1: the shopper's, or a visitor's from before any sign-in. Each side has its index.
  static final String RECENT = "SELECT " + COLUMNS + """
     FROM behaviour_events
    WHERE shopper_id = $1 OR (shopper_id IS NULL AND visitor_id = $1)
    ORDER BY occurred_at DESC, event_id
    LIMIT $2""";

  // The newest $2 since $1 (the caller puts them oldest first).
  static final String SINCE = "SELECT " + COLUMNS + """
     FROM behaviour_events
    WHERE occurred_at >= $1
    ORDER BY occurred_at DESC, event_id
    LIMIT $2""";
}
