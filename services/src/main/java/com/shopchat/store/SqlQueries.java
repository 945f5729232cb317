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

  // Signing in hands the visitor's anonymous behaviour events to the shopper (issue 6), so the shopper's profile
  // includes what they did before. Events already some shopper's stay theirs. Uses the visitor index.
  static final String MERGE_VISITOR_EVENTS = """
    UPDATE behaviour_events SET shopper_id = $2 WHERE visitor_id = $1 AND shopper_id IS NULL""";

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

  // Seed data: an entry new to the table starts its history as revision 1, imported by the system.
  static final String INSERT_KNOWLEDGE = """
    WITH inserted AS (
      INSERT INTO knowledge_entries (id, locale, title, questions, answer, tags, category)
      VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING *)
    INSERT INTO knowledge_revisions (entry_id, revision, locale, title, questions, answer, tags, category, status, action)
    SELECT id, revision, locale, title, questions, answer, tags, category, status, 'import' FROM inserted""";

  // ---- Knowledge editing. Each change is one statement that changes the entry and appends the revision it
  // became, so the two can never disagree; RETURNING gives the entry as stored.

  static final String KNOWLEDGE_COLUMNS = "id, locale, title, questions, answer, tags, category, status, revision";

  private static final String RECORD_REVISION = """
    INSERT INTO knowledge_revisions (entry_id, revision, locale, title, questions, answer, tags, category, status,
                                     action, staff_id)
    SELECT id, revision, locale, title, questions, answer, tags, category, status, $%d::text, $%d::bigint FROM changed
    RETURNING entry_id AS id, locale, title, questions, answer, tags, category, status, revision,
              created_at AS updated_at""";

  // $1..$7 the fields, $8 the status; no row: the id is taken.
  static final String CREATE_KNOWLEDGE = """
    WITH changed AS (
      INSERT INTO knowledge_entries (id, locale, title, questions, answer, tags, category, status)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING *)
    """ + RECORD_REVISION.formatted(9, 10);

  // Import: a new id is created, a known one overwritten (fields and status), both as one 'import' revision.
  static final String IMPORT_KNOWLEDGE = """
    WITH changed AS (
      INSERT INTO knowledge_entries (id, locale, title, questions, answer, tags, category, status)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (id) DO UPDATE SET locale = EXCLUDED.locale, title = EXCLUDED.title,
        questions = EXCLUDED.questions, answer = EXCLUDED.answer, tags = EXCLUDED.tags,
        category = EXCLUDED.category, status = EXCLUDED.status, revision = knowledge_entries.revision + 1,
        updated_at = now()
      RETURNING *)
    """ + RECORD_REVISION.formatted(9, 10);

  // Optimistic concurrency: the changes below take the revisions the editor may be changing from (an int[] from
  // If-Match; NULL: any). The check is part of the UPDATE's WHERE, so it is atomic: of two changes made from one
  // revision, the second waits for the first's row lock, then finds the revision moved on and changes nothing.
  private static final String EXPECTED_REVISION = "($%d::int[] IS NULL OR %srevision = ANY($%d::int[]))";

  // $1 id, $2..$7 the fields, $10 the expected revisions; the status stays. No row: no such entry, or it is at
  // another revision.
  static final String UPDATE_KNOWLEDGE = """
    WITH changed AS (
      UPDATE knowledge_entries SET locale = $2, title = $3, questions = $4, answer = $5, tags = $6, category = $7,
        revision = revision + 1, updated_at = now()
      WHERE id = $1 AND %s RETURNING *)
    """.formatted(EXPECTED_REVISION.formatted(10, "", 10)) + RECORD_REVISION.formatted(8, 9);

  // $1 id, $2 the new status, $5 the expected revisions; no row: no such entry, it has that status already, or it
  // is at another revision.
  static final String SET_KNOWLEDGE_STATUS = """
    WITH changed AS (
      UPDATE knowledge_entries SET status = $2, revision = revision + 1, updated_at = now()
      WHERE id = $1 AND status <> $2 AND %s RETURNING *)
    """.formatted(EXPECTED_REVISION.formatted(5, "", 5)) + RECORD_REVISION.formatted(3, 4);

  // $1 id, $2 the revision whose fields come back, $5 the expected revisions; the status stays. No row: no such
  // entry or revision, or it is at another revision.
  static final String ROLLBACK_KNOWLEDGE = """
    WITH changed AS (
      UPDATE knowledge_entries e SET locale = r.locale, title = r.title, questions = r.questions,
        answer = r.answer, tags = r.tags, category = r.category, revision = e.revision + 1, updated_at = now()
      FROM knowledge_revisions r
      WHERE e.id = $1 AND r.entry_id = $1 AND r.revision = $2 AND %s RETURNING e.*)
    """.formatted(EXPECTED_REVISION.formatted(5, "e.", 5)) + RECORD_REVISION.formatted(3, 4);

  static final String FIND_KNOWLEDGE = "SELECT " + KNOWLEDGE_COLUMNS + ", updated_at FROM knowledge_entries WHERE id = $1";

  static final String KNOWLEDGE_REVISIONS = """
    SELECT r.revision, r.locale, r.title, r.questions, r.answer, r.tags, r.category, r.status, r.action,
           r.created_at, s.email AS staff_email
    FROM knowledge_revisions r LEFT JOIN staff_users s ON s.id = r.staff_id
    WHERE r.entry_id = $1 ORDER BY r.revision DESC""";

  // Filters: $1 status, $2 locale, $3 tag, $4 a LIKE pattern over id, title, questions and answer (each NULL: any).
  private static final String KNOWLEDGE_FILTER = """
     FROM knowledge_entries
    WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR locale = $2)
      AND ($3::text IS NULL OR tags ? $3)
      AND ($4::text IS NULL OR id ILIKE $4 OR title ILIKE $4 OR answer ILIKE $4 OR questions::text ILIKE $4)""";

  static final String LIST_KNOWLEDGE = "SELECT " + KNOWLEDGE_COLUMNS + ", updated_at" + KNOWLEDGE_FILTER
    + " ORDER BY updated_at DESC, id LIMIT $5 OFFSET $6";

  static final String COUNT_KNOWLEDGE_FILTERED = "SELECT count(*) AS n" + KNOWLEDGE_FILTER;

  static final String ALL_KNOWLEDGE = "SELECT " + KNOWLEDGE_COLUMNS + ", updated_at FROM knowledge_entries ORDER BY id";

  // ---- Staff (admins and agents) who sign in.

  static final String INSERT_STAFF = """
    INSERT INTO staff_users (email, password_hash, roles) VALUES (lower($1), $2, $3)
    RETURNING id, email, password_hash, roles, disabled""";

  static final String FIND_STAFF_BY_EMAIL = """
    SELECT id, email, password_hash, roles, disabled FROM staff_users WHERE lower(email) = lower($1)""";

  static final String FIND_STAFF = "SELECT id, email, password_hash, roles, disabled FROM staff_users WHERE id = $1";

  static final String COUNT_ADMINS = """
    SELECT count(*) AS n FROM staff_users WHERE 'admin' = ANY (roles) AND NOT disabled""";

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
