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

  /** The conversation as a bot turn starts, and whether a person is asked for or holds it: one round trip. */
  static final String CONVERSATION_FOR_TURN = "SELECT " + CONVERSATION_COLUMNS + """
    , EXISTS (SELECT 1 FROM handoffs h WHERE h.conversation_id = c.id AND h.state <> 'ended') AS in_handoff
    FROM conversations c WHERE c.id = $1""";

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

  // A shopper message in one statement (one round trip, one commit): the conversation's row is locked and its seq
  // bumped only when no message carries this client id, and the message takes the new seq. No row back: a duplicate
  // (read it with FIND_BY_CLIENT_MSG_ID) or no such conversation. A resend racing its original past the NOT EXISTS
  // fails on messages_client_msg_id_key, which rolls the bump back too.
  static final String APPEND_SHOPPER_MESSAGE = """
    WITH bumped AS (
      UPDATE conversations SET last_seq = last_seq + 1, updated_at = now()
       WHERE id = $1::text
         AND NOT EXISTS (SELECT 1 FROM messages WHERE conversation_id = $1::text AND client_msg_id = $2::text)
      RETURNING last_seq)
    INSERT INTO messages (""" + MESSAGE_COLUMNS + """
    )
    SELECT $1::text, last_seq, 'shopper', $3::text, $2::text, NULL, NULL, NULL, $4::jsonb, now() FROM bumped
    RETURNING """ + " " + MESSAGE_COLUMNS;

  // The bot's answer to shopper message $2 with its turn record and the dialogue's new state, in one statement, only
  // when that message has no bot answer yet (messages_bot_reply_key settles a race). No row back: answered already
  // (FIND_BOT_REPLY) or no such conversation.
  static final String APPEND_BOT_REPLY = """
    WITH bumped AS (
      UPDATE conversations SET last_seq = last_seq + 1, updated_at = now(), state = $10::jsonb, status = $11::text
       WHERE id = $1::text
         AND NOT EXISTS (SELECT 1 FROM messages
                          WHERE conversation_id = $1::text AND reply_to_seq = $2::int AND sender = 'bot')
      RETURNING last_seq)
    INSERT INTO messages (""" + MESSAGE_COLUMNS + """
    , nlu_model_version, entities, flow, latency_ms)
    SELECT $1::text, last_seq, 'bot', $3::text, NULL, $2::int, $4::text, $5::real, $6::jsonb, now(),
           $7::text, $8::jsonb, $9::text, $12::int FROM bumped
    RETURNING """ + " " + MESSAGE_COLUMNS;

  static final String FIND_BY_CLIENT_MSG_ID = "SELECT " + MESSAGE_COLUMNS
    + " FROM messages WHERE conversation_id = $1 AND client_msg_id = $2";

  static final String FIND_BOT_REPLY = "SELECT " + MESSAGE_COLUMNS
    + " FROM messages WHERE conversation_id = $1 AND reply_to_seq = $2 AND sender = 'bot'";

  static final String MESSAGES_AFTER = "SELECT " + MESSAGE_COLUMNS
    + " FROM messages WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3";

  // The shopper's messages after the last answer (the bot's or an agent's) and after the last handoff ended (what
  // was said to a person is not the bot's to answer): what a server that died mid-turn left.
  static final String UNANSWERED_SHOPPER_MESSAGES = "SELECT " + MESSAGE_COLUMNS + """
     FROM messages m WHERE conversation_id = $1 AND sender = 'shopper'
      AND NOT EXISTS (SELECT 1 FROM messages b WHERE b.conversation_id = $1 AND b.sender = 'bot'
                      AND b.reply_to_seq = m.seq)
      AND seq > COALESCE((SELECT max(seq) FROM messages WHERE conversation_id = $1 AND sender = 'agent'), 0)
      AND created_at > COALESCE((SELECT max(COALESCE(ended_at, requested_at)) FROM handoffs
                                 WHERE conversation_id = $1), '-infinity')
      AND created_at > now() - interval '1 day'
    ORDER BY seq LIMIT $2""";

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

  /** The team as admins manage it: profile, presence and the chats each holds now. */
  static final String LIST_STAFF = """
    SELECT s.id, s.email, s.display_name, s.roles, s.languages, s.topics, s.max_chats, s.presence, s.disabled,
      s.created_at, (SELECT count(*) FROM handoffs h WHERE h.agent_id = s.id AND h.state = 'assigned') AS chats
    FROM staff_users s""";

  static final String STAFF_ORDER = " ORDER BY s.disabled, lower(s.email)";

  /**
   * Locks the enabled admins and the user about to change, so two admins demoting each other at once cannot
   * leave the shop without one: the second waits, then sees the first's change.
   */
  static final String LOCK_ADMINS_AND = """
    SELECT id, roles, disabled FROM staff_users WHERE id = $1 OR ('admin' = ANY (roles) AND NOT disabled)
    ORDER BY id FOR UPDATE""";

  /** A user who no longer takes chats (disabled, or not an agent any more) is offline. */
  static final String UPDATE_STAFF = """
    UPDATE staff_users SET display_name = $2, roles = $3, languages = $4, topics = $5, max_chats = $6,
      disabled = $7, password_hash = coalesce($8, password_hash),
      presence = CASE WHEN $7 OR NOT ('agent' = ANY ($3)) THEN 'offline' ELSE presence END
    WHERE id = $1""";

  static final String SET_STAFF_PROFILE = """
    UPDATE staff_users SET display_name = $2, languages = $3, topics = $4, max_chats = $5 WHERE id = $1""";

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

  // ---- Human handoff (V9). A conversation has at most one active (queued or assigned) handoff; the unique
  // partial index makes a second request, or two agents joining at once, a no-op instead of a race.

  static final String HANDOFF_COLUMNS = """
    h.id, h.conversation_id, h.state, h.reason, h.priority, h.locale, h.topic, h.agent_id, h.contact_email,
    h.requested_at, h.assigned_at, h.ended_at, h.ended_how, coalesce(s.display_name, split_part(s.email, '@', 1))
    AS agent_name""";

  private static final String HANDOFF_JOIN = " FROM handoffs h LEFT JOIN staff_users s ON s.id = h.agent_id ";

  static final String REQUEST_HANDOFF = """
    WITH inserted AS (
      INSERT INTO handoffs (conversation_id, state, reason, priority, locale, topic)
      VALUES ($1, 'queued', $2, $3, $4, $5)
      ON CONFLICT (conversation_id) WHERE state <> 'ended' DO NOTHING RETURNING *)
    SELECT\s""" + HANDOFF_COLUMNS + " FROM inserted h LEFT JOIN staff_users s ON s.id = h.agent_id";

  static final String ACTIVE_HANDOFF = "SELECT " + HANDOFF_COLUMNS + HANDOFF_JOIN
    + "WHERE h.conversation_id = $1 AND h.state <> 'ended'";

  static final String LATEST_HANDOFF = "SELECT " + HANDOFF_COLUMNS + HANDOFF_JOIN
    + "WHERE h.conversation_id = $1 ORDER BY h.id DESC LIMIT 1";

  static final String HANDOFF_QUEUE = "SELECT " + HANDOFF_COLUMNS + HANDOFF_JOIN
    + "WHERE h.state = 'queued' ORDER BY h.priority DESC, h.requested_at, h.id LIMIT $1";

  static final String AGENT_HANDOFFS = "SELECT " + HANDOFF_COLUMNS + HANDOFF_JOIN
    + "WHERE h.state = 'assigned' AND h.agent_id = $1 ORDER BY h.assigned_at, h.id";

  /** 1 for the head of the queue. */
  static final String QUEUE_POSITION = """
    SELECT count(*) AS n FROM handoffs q, handoffs me
    WHERE me.id = $1 AND me.state = 'queued' AND q.state = 'queued'
      AND (q.priority > me.priority OR q.priority = me.priority AND (q.requested_at, q.id) <= (me.requested_at, me.id))""";

  /** Mean seconds from request to an agent over the last 50 assignments of the past week; NULL when none. */
  static final String RECENT_WAIT = """
    SELECT avg(extract(epoch FROM assigned_at - requested_at)) AS seconds FROM (
      SELECT assigned_at, requested_at FROM handoffs
      WHERE assigned_at IS NOT NULL AND reason <> 'agent_joined' AND assigned_at > now() - interval '7 days'
      ORDER BY assigned_at DESC LIMIT 50) recent""";

  static final String AGENTS_ONLINE = """
    SELECT count(*) AS n FROM staff_users
    WHERE presence = 'online' AND NOT disabled AND 'agent' = ANY (roles) AND $1 = ANY (languages)""";

  /** Claims a queued handoff for the agent: one UPDATE, so of two agents claiming at once exactly one wins. */
  static final String CLAIM_HANDOFF = """
    WITH claimed AS (
      UPDATE handoffs SET state = 'assigned', agent_id = $2, assigned_at = now()
      WHERE conversation_id = $1 AND state = 'queued' RETURNING *)
    SELECT\s""" + HANDOFF_COLUMNS + " FROM claimed h LEFT JOIN staff_users s ON s.id = h.agent_id";

  /** An agent joins a conversation nobody asked a person for (no active handoff). */
  static final String JOIN_HANDOFF = """
    WITH joined AS (
      INSERT INTO handoffs (conversation_id, state, reason, priority, locale, agent_id, assigned_at)
      SELECT c.id, 'assigned', 'agent_joined', 0, c.locale, $2, now() FROM conversations c WHERE c.id = $1
      ON CONFLICT (conversation_id) WHERE state <> 'ended' DO NOTHING RETURNING *)
    SELECT\s""" + HANDOFF_COLUMNS + " FROM joined h LEFT JOIN staff_users s ON s.id = h.agent_id";

  /** Ends the agent's handoff ($2 NULL: whoever holds it, for admins). */
  static final String END_HANDOFF = """
    WITH ended AS (
      UPDATE handoffs SET state = 'ended', ended_at = now(), ended_how = $3
      WHERE conversation_id = $1 AND state = 'assigned' AND ($2::bigint IS NULL OR agent_id = $2) RETURNING *)
    SELECT\s""" + HANDOFF_COLUMNS + " FROM ended h LEFT JOIN staff_users s ON s.id = h.agent_id";

  /** After a hand-back the bot answers again, as if no person had been asked for. */
  static final String RESUME_BOT = """
    UPDATE conversations SET state = jsonb_set(state, '{handoffRequested}', 'false'::jsonb), status = 'open',
      updated_at = now() WHERE id = $1""";

  static final String CLOSE_CONVERSATION = """
    UPDATE conversations SET status = 'closed', updated_at = now() WHERE id = $1""";

  /** Serialises routing across nodes for one transaction, so no agent is given more chats than they take. */
  static final String ROUTING_LOCK = "SELECT pg_advisory_xact_lock(7100700)";

  /**
   * The best online agent for a queued handoff: speaks its language, knows its topic (or knows no topics in
   * particular), holds fewer chats than their maximum; the least loaded first, then whoever came online first.
   */
  static final String PICK_AGENT = """
    SELECT s.id FROM staff_users s
    CROSS JOIN LATERAL (SELECT count(*) AS load FROM handoffs x WHERE x.agent_id = s.id AND x.state = 'assigned') l
    WHERE s.presence = 'online' AND NOT s.disabled AND 'agent' = ANY (s.roles) AND $1 = ANY (s.languages)
      AND l.load < s.max_chats AND ($2::text IS NULL OR cardinality(s.topics) = 0 OR $2 = ANY (s.topics))
    ORDER BY ($2::text IS NOT NULL AND $2 = ANY (s.topics)) DESC, l.load, s.presence_at, s.id LIMIT 1""";

  static final String ASSIGN_HANDOFF = """
    WITH assigned AS (
      UPDATE handoffs SET state = 'assigned', agent_id = $2, assigned_at = now()
      WHERE id = $1 AND state = 'queued' RETURNING *)
    SELECT\s""" + HANDOFF_COLUMNS + " FROM assigned h LEFT JOIN staff_users s ON s.id = h.agent_id";

  /** Chats held by someone who no longer takes chats go back to the queue, ahead as they were. */
  static final String REQUEUE_AGENT_HANDOFFS = """
    WITH requeued AS (
      UPDATE handoffs SET state = 'queued', agent_id = NULL, assigned_at = NULL
      WHERE agent_id = $1 AND state = 'assigned' RETURNING *)
    SELECT\s""" + HANDOFF_COLUMNS + " FROM requeued h LEFT JOIN staff_users s ON s.id = h.agent_id";

  static final String HANDOFF_RULES = "SELECT intent FROM handoff_rules ORDER BY intent";

  static final String DELETE_HANDOFF_RULES = "DELETE FROM handoff_rules";

  static final String INSERT_HANDOFF_RULES = """
    INSERT INTO handoff_rules (intent, staff_id) SELECT unnest($1::text[]), $2""";

  // ---- Canned replies (V11).

  static final String CANNED_COLUMNS = "id, locale, title, text, position, updated_at";

  static final String LIST_CANNED = "SELECT " + CANNED_COLUMNS + " FROM canned_replies ORDER BY position, id, locale";

  /** Marks a seed as done; no row when it was done before (the caller then seeds nothing). */
  static final String MARK_SEEDED = """
    INSERT INTO seeded_data (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING name""";

  /** A new reply, placed after the others; nothing when the id exists in that language. */
  static final String INSERT_CANNED = """
    INSERT INTO canned_replies (id, locale, title, text, position, staff_id)
    VALUES ($1, $2, $3, $4, coalesce($5, (SELECT coalesce(max(position), 0) + 1 FROM canned_replies)), $6)
    ON CONFLICT (id, locale) DO NOTHING RETURNING\s""" + CANNED_COLUMNS;

  static final String UPDATE_CANNED = """
    UPDATE canned_replies SET title = $3, text = $4, updated_at = now(), staff_id = $5
    WHERE id = $1 AND locale = $2 RETURNING\s""" + CANNED_COLUMNS;

  static final String CANNED_POSITION = "SELECT position FROM canned_replies WHERE id = $1 LIMIT 1";

  static final String DELETE_CANNED = "DELETE FROM canned_replies WHERE id = $1 AND locale = $2 RETURNING id";

  static final String SET_PRESENCE = """
    UPDATE staff_users SET presence = $2, presence_at = now() WHERE id = $1 AND 'agent' = ANY (roles)""";
  /** Agents marked online, and not set so in the last $1 seconds (a clustered node checks a console is open). */
  static final String STALE_ONLINE_AGENTS = """
    SELECT id FROM staff_users WHERE presence = 'online' AND presence_at < now() - make_interval(secs => $1)""";

  /** Offline, unless the agent was set online again in the last $2 seconds (a console opened meanwhile). */
  static final String SET_OFFLINE_IF_STALE = """
    UPDATE staff_users SET presence = 'offline', presence_at = now()
    WHERE id = $1 AND presence = 'online' AND presence_at < now() - make_interval(secs => $2)""";


  static final String AGENT_PROFILE = """
    SELECT id, coalesce(display_name, split_part(email, '@', 1)) AS name, presence, max_chats, languages, topics
    FROM staff_users WHERE id = $1""";

  static final String SHOPPER_NAME = """
    SELECT s.name FROM conversations c JOIN shoppers s ON s.id = c.shopper_id WHERE c.id = $1""";

  static final String SET_CONTACT_EMAIL = """
    UPDATE handoffs SET contact_email = $2 WHERE conversation_id = $1 AND state = 'queued' RETURNING id""";

  /** The rating of the conversation's last closed handoff; nothing when there is none or it was rated. */
  static final String RATE_HANDOFF = """
    INSERT INTO satisfaction_ratings (handoff_id, conversation_id, rating, comment)
    SELECT h.id, h.conversation_id, $2, $3 FROM handoffs h JOIN conversations c ON c.id = h.conversation_id
    WHERE h.conversation_id = $1 AND c.visitor_id = $4 AND h.ended_how = 'closed' ORDER BY h.ended_at DESC LIMIT 1
    ON CONFLICT (handoff_id) DO NOTHING RETURNING handoff_id""";

  /** The visitor's chat an agent closed in the last hour and nobody rated yet, if any: asked for after a reload. */
  static final String UNRATED_CLOSED = "SELECT " + HANDOFF_COLUMNS + HANDOFF_JOIN + """
    JOIN conversations c ON c.id = h.conversation_id
    WHERE c.visitor_id = $1 AND h.ended_how = 'closed' AND h.ended_at > now() - interval '1 hour'
      AND NOT EXISTS (SELECT 1 FROM satisfaction_ratings r WHERE r.handoff_id = h.id)
    ORDER BY h.ended_at DESC LIMIT 1""";

  static final String INSERT_NOTE = """
    INSERT INTO agent_notes (conversation_id, staff_id, text) VALUES ($1, $2, $3)
    RETURNING id, conversation_id, staff_id, text, created_at""";

  static final String LIST_NOTES = """
    SELECT n.id, n.conversation_id, n.staff_id, n.text, n.created_at,
      coalesce(s.display_name, split_part(s.email, '@', 1)) AS author
    FROM agent_notes n JOIN staff_users s ON s.id = n.staff_id WHERE n.conversation_id = $1 ORDER BY n.created_at, n.id""";

  static final String HOLDS_CONVERSATION = """
    SELECT 1 FROM handoffs WHERE conversation_id = $1 AND state = 'assigned' AND agent_id = $2""";

  static final String SET_MESSAGE_STAFF = """
    UPDATE messages SET staff_id = $3 WHERE conversation_id = $1 AND seq = $2""";
}
