package com.shopchat.analytics;

/**
 * Every SQL statement of the analytics dashboard and the conversation review; all prepared with {@code $n}. The
 * dashboard's statements share their first four parameters: $1 the period's first instant, $2 the instant after
 * its last day, $3 the locale and $4 the channel ({@code NULL}: all). Definitions: docs/analytics.md.
 */
final class AnalyticsQueries {

  private AnalyticsQueries() {
  }

  /**
   * The shopper wrote in conversation c. A scalar subquery with LIMIT, not EXISTS: PostgreSQL turns an EXISTS into a
   * semi-join it may run as a hash over every shopper message of the table (the whole history, whatever the
   * period); this runs per conversation of the period through the primary key, where the first message is usually
   * the shopper's.
   */
  private static final String WROTE =
    " coalesce((SELECT true FROM messages s WHERE s.conversation_id = c.id AND s.sender = 'shopper' LIMIT 1), false)";

  /**
   * The cohort every conversation figure is computed over: conversations started in the period (by their first
   * instant, in UTC days) matching the filters, in which the shopper wrote at least once. A widget opened and
   * never written in is not a conversation.
   */
  private static final String COHORT = """
    convs AS (
      SELECT c.id, c.visitor_id, (c.created_at AT TIME ZONE 'UTC')::date AS day
      FROM conversations c
      WHERE c.created_at >= $1 AND c.created_at < $2
        AND ($3::text IS NULL OR c.locale = $3) AND ($4::text IS NULL OR c.channel = $4)
        AND """ + WROTE + """
    )""";

  /** Each cohort conversation's first handoff (any reason, agent_joined included): the person it went to. */
  private static final String FIRST_HANDOFF = """
    handed AS (
      SELECT DISTINCT ON (h.conversation_id) h.conversation_id, h.reason, h.requested_at
      FROM handoffs h JOIN convs c ON c.id = h.conversation_id
      ORDER BY h.conversation_id, h.requested_at, h.id
    )""";

  /** Per day: conversations, and those handed to a person; contained is the difference. */
  static final String DAYS = "WITH " + COHORT + ", " + FIRST_HANDOFF + """

    SELECT c.day, count(*) AS conversations, count(h.conversation_id) AS handed_off
    FROM convs c LEFT JOIN handed h ON h.conversation_id = c.id
    GROUP BY c.day ORDER BY c.day""";

  /** Why the handed-off conversations went to a person: the reason of each one's first handoff. */
  static final String REASONS = "WITH " + COHORT + ", " + FIRST_HANDOFF + """

    SELECT reason, count(*) AS handoffs FROM handed GROUP BY reason ORDER BY handoffs DESC, reason""";

  /**
   * The wait for an agent over the cohort's handoffs a shopper waited for (agent_joined: an agent stepped in,
   * nobody waited): answered ones with their wait in seconds, and those never assigned.
   */
  static final String WAIT = "WITH " + COHORT + """

    SELECT count(h.assigned_at) AS answered, count(*) - count(h.assigned_at) AS unanswered,
           avg(extract(epoch FROM h.assigned_at - h.requested_at)) AS average_s,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM h.assigned_at - h.requested_at))
             AS median_s,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM h.assigned_at - h.requested_at))
             AS p90_s
    FROM handoffs h JOIN convs c ON c.id = h.conversation_id
    WHERE h.reason <> 'agent_joined'""";

  /** The cohort's satisfaction ratings by score (1 to 5). */
  static final String CSAT = "WITH " + COHORT + """

    SELECT r.rating, count(*) AS ratings
    FROM satisfaction_ratings r JOIN convs c ON c.id = r.conversation_id
    GROUP BY r.rating ORDER BY r.rating""";

  /** Bot turns of the cohort by day and intent, with their summed confidence (averaged by the caller). */
  static final String TURNS = "WITH " + COHORT + """

    SELECT c.day, coalesce(m.intent, '') AS intent, count(*) AS turns, sum(m.confidence) AS confidence
    FROM convs c JOIN messages m ON m.conversation_id = c.id AND m.sender = 'bot'
    GROUP BY c.day, coalesce(m.intent, '')""";

  /**
   * Knowledge entries the bot answered from (a bot turn's payload.sources): turns citing each, and the cohort
   * conversations in which it was cited at or before the conversation's first handoff.
   */
  static final String KNOWLEDGE = "WITH " + COHORT + ", " + FIRST_HANDOFF + """

    SELECT src->>'id' AS id, max(coalesce(k.title, src->>'title')) AS title, count(*) AS uses,
           count(DISTINCT c.id) FILTER (WHERE h.requested_at IS NOT NULL AND m.created_at <= h.requested_at)
             AS handoffs
    FROM convs c
    JOIN messages m ON m.conversation_id = c.id AND m.sender = 'bot' AND m.payload ? 'sources'
    CROSS JOIN LATERAL jsonb_array_elements(m.payload->'sources') src
    LEFT JOIN handed h ON h.conversation_id = c.id
    LEFT JOIN knowledge_entries k ON k.id = src->>'id'
    GROUP BY src->>'id'""";

  /**
   * The recommendation funnel of impressions shown in the period, attributed as the experiments module does it
   * (experiment/ExperimentQueries.ATTRIBUTION): an impression's clicks and add-to-carts naming it, and the same
   * visitor's or shopper's clicks, add-to-carts and purchases of one of its skus inside its window (the
   * experiment's, else 72 hours). By day of showing and experiment variant; filtered by its conversation's locale
   * and channel when those are given. $5: the window outside experiments, in hours.
   */
  private static final String ATTRIBUTED = """
    shown AS (
      SELECT i.impression_id, i.experiment_id, i.variant, i.visitor_id, i.shopper_id, i.skus, i.shown_at,
             (i.shown_at AT TIME ZONE 'UTC')::date AS day,
             i.shown_at + make_interval(hours => coalesce(x.window_hours, $5)) AS until
      FROM recommendation_impressions i
      LEFT JOIN experiments x ON x.id = i.experiment_id
      LEFT JOIN conversations c ON c.id = i.conversation_id
      WHERE i.shown_at >= $1 AND i.shown_at < $2
        AND ($3::text IS NULL OR c.locale = $3) AND ($4::text IS NULL OR c.channel = $4)
    ), attributed AS (
      SELECT s.impression_id, e.event_id, e.type, e.price_cents
      FROM shown s
      JOIN LATERAL (
        SELECT b.event_id, b.type, b.price_cents FROM behaviour_events b
         WHERE b.impression_id = s.impression_id AND b.type IN ('click', 'add_to_cart')
        UNION
        SELECT b.event_id, b.type, b.price_cents FROM behaviour_events b
         WHERE b.visitor_id = s.visitor_id AND b.occurred_at >= s.shown_at AND b.occurred_at < s.until
           AND b.type IN ('click', 'add_to_cart', 'purchase') AND b.skus && s.skus
        UNION
        SELECT b.event_id, b.type, b.price_cents FROM behaviour_events b
         WHERE s.shopper_id IS NOT NULL AND b.shopper_id = s.shopper_id
           AND b.occurred_at >= s.shown_at AND b.occurred_at < s.until
           AND b.type IN ('click', 'add_to_cart', 'purchase') AND b.skus && s.skus
      ) e ON true
    )""";

  /** Impressions clicked, carted, purchased (each at most once per stage) by day, experiment and variant. */
  static final String FUNNEL = "WITH " + ATTRIBUTED + """
    , funnel AS (
      SELECT s.day, s.experiment_id, s.variant,
             coalesce(bool_or(a.type = 'click'), false) AS clicked,
             coalesce(bool_or(a.type = 'add_to_cart'), false) AS carted,
             coalesce(bool_or(a.type = 'purchase'), false) AS purchased,
             coalesce(sum(a.price_cents) FILTER (WHERE a.type = 'purchase'), 0) AS revenue
      FROM shown s LEFT JOIN attributed a ON a.impression_id = s.impression_id
      GROUP BY s.impression_id, s.day, s.experiment_id, s.variant
    )
    SELECT day, experiment_id, variant, count(*) AS impressions, count(*) FILTER (WHERE clicked) AS clicked,
           count(*) FILTER (WHERE carted) AS carted, count(*) FILTER (WHERE purchased) AS purchased,
           coalesce(sum(revenue), 0)::bigint AS revenue
    FROM funnel GROUP BY day, experiment_id, variant""";

  /** Revenue influenced by the chat: every purchase attributed to an impression of the period, counted once. */
  static final String INFLUENCED_REVENUE = "WITH " + ATTRIBUTED + """

    SELECT count(*) AS purchases, coalesce(sum(price_cents), 0)::bigint AS revenue
    FROM (SELECT DISTINCT event_id, price_cents FROM attributed WHERE type = 'purchase') p""";

  /**
   * Visitors active in the period (a behaviour event, or a cohort conversation), split by whether they chatted
   * (a cohort conversation), with how many of each made a purchase in the period.
   */
  static final String CHATTED = "WITH " + COHORT + """
    , active AS (
      SELECT visitor_id, bool_or(type = 'purchase') AS purchased FROM behaviour_events
      WHERE occurred_at >= $1 AND occurred_at < $2 GROUP BY visitor_id
    ), chatted AS (SELECT DISTINCT visitor_id FROM convs)
    SELECT ch.visitor_id IS NOT NULL AS chatted, count(*) AS visitors,
           count(*) FILTER (WHERE coalesce(a.purchased, false)) AS purchasers
    FROM active a FULL JOIN chatted ch ON ch.visitor_id = a.visitor_id
    GROUP BY 1""";

  /**
   * The review's search: conversations started in the period, newest first, with the shopper having written.
   * $5 text in any message (case-insensitive, literal), $6 an intent of one of its bot turns, $7 outcome
   * ('contained' or 'handed_off'), $8 a rating given, $9 the most rows.
   */
  static final String SEARCH = """
    SELECT c.id, c.locale, c.channel, c.status, c.created_at, c.updated_at,
           (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS messages,
           EXISTS (SELECT 1 FROM handoffs h WHERE h.conversation_id = c.id) AS handed_off,
           (SELECT r.rating FROM satisfaction_ratings r WHERE r.conversation_id = c.id
             ORDER BY r.rated_at DESC LIMIT 1) AS rating,
           (SELECT m.text FROM messages m WHERE m.conversation_id = c.id AND m.sender = 'shopper'
             ORDER BY m.seq LIMIT 1) AS first_message
    FROM conversations c
    WHERE c.created_at >= $1 AND c.created_at < $2
      AND ($3::text IS NULL OR c.locale = $3) AND ($4::text IS NULL OR c.channel = $4)
      AND """ + WROTE + """
      AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id
             AND strpos(lower(m.text), lower($5)) > 0))
      AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id
             AND m.sender = 'bot' AND m.intent = $6))
      AND ($7::text IS NULL OR ($7 = 'handed_off') = EXISTS (SELECT 1 FROM handoffs h
             WHERE h.conversation_id = c.id))
      AND ($8::int IS NULL OR EXISTS (SELECT 1 FROM satisfaction_ratings r WHERE r.conversation_id = c.id
             AND r.rating = $8))
    ORDER BY c.created_at DESC, c.id
    LIMIT $9""";

  static final String CONVERSATION = """
    SELECT id, visitor_id, shopper_id, locale, channel, status, created_at, updated_at
    FROM conversations WHERE id = $1""";

  /** Every message of a conversation in order, with what the bot decided on its turns. */
  static final String TRANSCRIPT = """
    SELECT seq, sender, text, reply_to_seq, intent, confidence, flow, nlu_model_version, latency_ms, entities,
           payload->'sources' AS sources, created_at
    FROM messages WHERE conversation_id = $1 ORDER BY seq""";

  static final String HANDOFFS_OF = """
    SELECT id, state, reason, topic, requested_at, assigned_at, ended_at, ended_how
    FROM handoffs WHERE conversation_id = $1 ORDER BY requested_at, id""";

  static final String RATINGS_OF = """
    SELECT rating, comment, rated_at FROM satisfaction_ratings WHERE conversation_id = $1 ORDER BY rated_at""";
}
