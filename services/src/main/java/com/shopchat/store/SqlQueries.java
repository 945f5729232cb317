package com.shopchat.store;

/** Every SQL statement the server runs, in one place; all are prepared with {@code $n} parameters. */
final class SqlQueries {

  private SqlQueries() {
  }

  // An anonymous hello leaves the visitor's link to its last verified shopper as it was.
  static final String UPSERT_VISITOR = """
    INSERT INTO visitors (id, locale, shopper_id) VALUES ($1, $2, $3)
    ON CONFLICT (id) DO UPDATE SET last_seen_at = now(), locale = EXCLUDED.locale,
      shopper_id = COALESCE(EXCLUDED.shopper_id, visitors.shopper_id)""";

  static final String CONVERSATION_COLUMNS = "id, visitor_id, status, locale, last_seq, state, shopper_id";

  static final String FIND_CONVERSATION = "SELECT " + CONVERSATION_COLUMNS + " FROM conversations WHERE id = $1";

  // $2 NULL (anonymous): only anonymous conversations; a shopper: theirs or anonymous ones (RESUME binds those).
  static final String LATEST_OPEN_CONVERSATION = "SELECT " + CONVERSATION_COLUMNS + """
     FROM conversations
    WHERE visitor_id = $1 AND status <> 'closed' AND (shopper_id IS NULL OR shopper_id = $2)
    ORDER BY updated_at DESC LIMIT 1""";

  static final String INSERT_CONVERSATION = """
    INSERT INTO conversations (id, visitor_id, locale, shopper_id) VALUES ($1, $2, $3, $4)
    RETURNING\s""" + CONVERSATION_COLUMNS;

  // The one place that decides who may resume a conversation: its own visitor, while it is not closed, and only
  // as its shopper: an anonymous hello resumes anonymous conversations only; a verified one resumes that
  // shopper's, or an anonymous one, which it binds to the shopper (signing in mid-chat keeps the chat).
  // One statement, so two sockets cannot bind one conversation to two shoppers. No row: start a new one.
  static final String RESUME_CONVERSATION = """
    UPDATE conversations SET locale = $3, shopper_id = COALESCE(shopper_id, $4)
    WHERE id = $1 AND visitor_id = $2 AND status <> 'closed' AND (shopper_id IS NULL OR shopper_id = $4)
    RETURNING\s""" + CONVERSATION_COLUMNS;

  // A shopper vouched for by the shop may be new to us: store the id (the name stays unknown). Read without a
  // write when the shopper exists; a row inserted concurrently by another hello is missed (the caller copes).
  static final String ENSURE_SHOPPER = """
    WITH inserted AS (
      INSERT INTO shoppers (id, locale) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id, name)
    SELECT id, name FROM inserted UNION ALL SELECT id, name FROM shoppers WHERE id = $1""";

  // Taking the row lock serialises appends to one conversation, so seqs are gap-free and ordered.
  static final String LOCK_CONVERSATION = """
    SELECT last_seq FROM conversations WHERE id = $1 FOR UPDATE""";

  static final String BUMP_SEQ = """
    UPDATE conversations SET last_seq = last_seq + 1, updated_at = now() WHERE id = $1 RETURNING last_seq""";

  static final String SET_TURN_RECORD = """
    UPDATE messages SET nlu_model_version = $3, entities = $4, flow = $5, latency_ms = $6
    WHERE conversation_id = $1 AND seq = $2""";

  static final String UPDATE_STATE = """
    UPDATE conversations SET state = $2, status = $3, updated_at = now() WHERE id = $1""";

  static final String MESSAGE_COLUMNS = """
    conversation_id, seq, sender, text, client_msg_id, reply_to_seq, intent, confidence, payload, created_at""";

  static final String INSERT_MESSAGE = "INSERT INTO messages (" + MESSAGE_COLUMNS
    + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now()) RETURNING " + MESSAGE_COLUMNS;

  static final String FIND_BY_CLIENT_MSG_ID = "SELECT " + MESSAGE_COLUMNS
    + " FROM messages WHERE conversation_id = $1 AND client_msg_id = $2";

  static final String FIND_BOT_REPLY = "SELECT " + MESSAGE_COLUMNS
    + " FROM messages WHERE conversation_id = $1 AND reply_to_seq = $2 AND sender = 'bot'";

  static final String MESSAGES_AFTER = "SELECT " + MESSAGE_COLUMNS
    + " FROM messages WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3";

  static final String COUNT_MESSAGES = """
    SELECT count(*) AS n FROM messages WHERE conversation_id = $1""";

  static final String PUBLISHED_KNOWLEDGE = """
    SELECT id, locale, title, questions, answer, tags, category FROM knowledge_entries
    WHERE status = 'published' ORDER BY id""";

  static final String INSERT_KNOWLEDGE = """
    INSERT INTO knowledge_entries (id, locale, title, questions, answer, tags, category)
    VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING""";

  static final String COUNT_KNOWLEDGE = "SELECT count(*) AS n FROM knowledge_entries";

  static final String LIST_PRODUCTS = """
    SELECT sku, title, description, category, brand, price_cents, currency, stock, image, attributes
    FROM products ORDER BY category, sku""";

  static final String COUNT_PRODUCTS = "SELECT count(*) AS n FROM products";

  static final String INSERT_PRODUCT = """
    INSERT INTO products (sku, title, description, category, brand, price_cents, currency, stock, image, attributes)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (sku) DO NOTHING""";

  static final String INSERT_SHOPPER = """
    INSERT INTO shoppers (id, email, name, locale) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING""";

  static final String INSERT_ORDER = """
    INSERT INTO orders (order_number, shopper_id, status, placed_at, shipping_cents, carrier, tracking_number,
                        expected_delivery, delivered_at, shipping_address, currency, cancellation_reason)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (order_number) DO NOTHING""";

  static final String INSERT_REFUND = """
    INSERT INTO refunds (order_number, status, amount_cents, currency, method, reason, requested_at, refunded_at)
    VALUES ($1, $2, $3, $4, $5, $6, coalesce($7, now()), $8) ON CONFLICT (order_number) DO NOTHING""";

  static final String INSERT_ORDER_ITEM = """
    INSERT INTO order_items (order_number, line, sku, quantity, unit_price_cents)
    VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING""";
}
