package com.shopchat.promotion;

/** Every SQL statement of promotions and their offers; all prepared with {@code $n}. */
final class PromotionQueries {

  private PromotionQueries() {
  }

  static final String COLUMNS = "id, name, code, percent_off, amount_off_cents, rule, threshold_cents, "
    + "hesitate_minutes, hesitate_views, text_en, text_zh, active, max_offers_per_conversation, valid_from, "
    + "valid_to, attribution_hours, created_by, created_at";

  static final String INSERT = """
    INSERT INTO promotions (id, name, code, percent_off, amount_off_cents, rule, threshold_cents, hesitate_minutes,
      hesitate_views, text_en, text_zh, max_offers_per_conversation, valid_from, valid_to, attribution_hours,
      created_by)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING\s""" + COLUMNS;

  static final String UPDATE = """
    UPDATE promotions SET name = $2, code = $3, percent_off = $4, amount_off_cents = $5, rule = $6,
      threshold_cents = $7, hesitate_minutes = $8, hesitate_views = $9, text_en = $10, text_zh = $11,
      max_offers_per_conversation = $12, valid_from = $13, valid_to = $14, attribution_hours = $15,
      updated_at = now()
    WHERE id = $1 RETURNING\s""" + COLUMNS;

  static final String SET_ACTIVE = "UPDATE promotions SET active = $2, updated_at = now() WHERE id = $1 RETURNING "
    + COLUMNS;

  static final String FIND = "SELECT " + COLUMNS + " FROM promotions WHERE id = $1";

  static final String LIST = "SELECT " + COLUMNS + " FROM promotions ORDER BY created_at, id LIMIT 500";

  // Oldest first: when several match, the one the shop made first is offered.
  static final String ACTIVE = "SELECT " + COLUMNS + " FROM promotions WHERE active ORDER BY created_at, id";

  static final String OFFERS_IN_CONVERSATION = """
    SELECT promotion_id, count(*) AS offers FROM promotion_offers WHERE conversation_id = $1 GROUP BY promotion_id""";

  static final String INSERT_OFFER = """
    INSERT INTO promotion_offers (offer_id, promotion_id, conversation_id, visitor_id, shopper_id)
    VALUES ($1, $2, $3, $4, $5)""";

  // Only the conversation it was offered in may click it; a second tap keeps the first time.
  static final String CLICK = """
    UPDATE promotion_offers o SET clicked_at = coalesce(o.clicked_at, now())
    FROM promotions p WHERE o.offer_id = $1 AND o.conversation_id = $2 AND p.id = o.promotion_id
    RETURNING p.code, p.text_en, p.text_zh""";

  /*
   * The rules' facts about visitor $1 (and shopper $2 when signed in): purchases, the first add-to-cart since the
   * last purchase, and views since the last purchase. UNION (not ALL) so an event matching both keys counts once.
   */
  static final String FACTS = """
    WITH mine AS (
      SELECT event_id, type, occurred_at FROM behaviour_events WHERE visitor_id = $1
      UNION
      SELECT event_id, type, occurred_at FROM behaviour_events WHERE $2::text IS NOT NULL AND shopper_id = $2
    ), last_purchase AS (SELECT max(occurred_at) AS at FROM mine WHERE type = 'purchase')
    SELECT (SELECT count(*) FROM mine WHERE type = 'purchase') AS purchases,
      (SELECT min(m.occurred_at) FROM mine m, last_purchase l
        WHERE m.type = 'add_to_cart' AND (l.at IS NULL OR m.occurred_at > l.at)) AS carted_since,
      (SELECT count(*) FROM mine m, last_purchase l
        WHERE m.type = 'view' AND (l.at IS NULL OR m.occurred_at > l.at)) AS views""";

  /*
   * Redemption of promotion $1's open offers: the first purchase event of the same visitor, or the same signed-in
   * shopper, after offered_at that names the promotion's code, or names no code and falls before (not at)
   * offered_at + the promotion's attribution window. A purchase naming another code redeems nothing here.
   */
  static final String MARK_REDEMPTIONS = """
    WITH hits AS (
      SELECT DISTINCT ON (o.offer_id) o.offer_id, b.event_id, b.occurred_at
      FROM promotion_offers o
      JOIN promotions p ON p.id = o.promotion_id
      JOIN behaviour_events b ON b.type = 'purchase'
        AND (b.visitor_id = o.visitor_id OR (o.shopper_id IS NOT NULL AND b.shopper_id = o.shopper_id))
        AND b.occurred_at >= o.offered_at
        AND (b.coupon = p.code
          OR (b.coupon IS NULL AND b.occurred_at < o.offered_at + make_interval(hours => p.attribution_hours)))
      WHERE o.promotion_id = $1 AND o.redeemed_at IS NULL
      ORDER BY o.offer_id, b.occurred_at)
    UPDATE promotion_offers o SET redeemed_at = h.occurred_at, order_id = h.event_id
    FROM hits h WHERE o.offer_id = h.offer_id""";

  // A purchase that redeems several offers (two offered in one chat) counts once.
  static final String RESULTS = """
    SELECT count(*) AS offers, count(clicked_at) AS clicks, count(DISTINCT order_id) AS redemptions
    FROM promotion_offers WHERE promotion_id = $1""";

  // The bot's reply to a complaint stores the intent 'complaint': after one, no coupon in this conversation.
  static final String COMPLAINED = """
    SELECT EXISTS (SELECT 1 FROM messages WHERE conversation_id = $1 AND intent = 'complaint') AS complained""";
}
