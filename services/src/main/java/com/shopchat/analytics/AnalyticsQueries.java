package com.shopchat.analytics;

/**
 * Every SQL statement of the analytics dashboard and the conversation review; all prepared with {@code $n}. The
 * dashboard reads the daily rollups of V12 (materialized views) with $1 the period's first day, $2 its last, $3 the
 * locale and $4 the channel ({@code NULL}: all); the visitors' split and the review read the tables with $1 the
 * period's first instant and $2 the instant after its last day. Definitions: docs/analytics.md.
 */
final class AnalyticsQueries {

  private AnalyticsQueries() {
  }

  /** The rows of a rollup in the period ($1 to $2, days) matching the locale ($3) and channel ($4) filters. */
  private static final String IN_PERIOD =
    " day >= $1 AND day <= $2 AND ($3::text IS NULL OR locale = $3) AND ($4::text IS NULL OR channel = $4)";

  /** Per day: conversations, those handed to a person, bot turns and oos turns. */
  static final String DAYS = """
    SELECT day, sum(conversations)::bigint AS conversations, sum(handed_off)::bigint AS handed_off,
           sum(bot_turns)::bigint AS bot_turns, sum(oos_turns)::bigint AS oos_turns
    FROM analytics_daily WHERE""" + IN_PERIOD + """

    GROUP BY day ORDER BY day""";

  /** Handoff reasons, waits (answered / unanswered with summed seconds) and ratings, by kind and key. */
  static final String HANDOFFS = """
    SELECT kind, key, sum(n)::bigint AS n, sum(seconds) AS seconds
    FROM analytics_daily_handoffs WHERE""" + IN_PERIOD + """

    GROUP BY kind, key""";

  /** Bot turns by intent with their summed confidence (averaged by the caller). */
  static final String INTENTS = """
    SELECT intent, sum(turns)::bigint AS turns, sum(confidence) AS confidence
    FROM analytics_daily_intents WHERE""" + IN_PERIOD + """

    GROUP BY intent""";

  /** Knowledge entries cited: turns citing each, conversations where it came at or before the first handoff. */
  static final String KNOWLEDGE = """
    SELECT d.entry_id AS id, coalesce(max(k.title), max(d.title)) AS title, sum(d.uses)::bigint AS uses,
           sum(d.handoffs)::bigint AS handoffs
    FROM analytics_daily_knowledge d LEFT JOIN knowledge_entries k ON k.id = d.entry_id
    WHERE""" + IN_PERIOD.replace("day", "d.day").replace("locale", "d.locale").replace("channel", "d.channel") + """

    GROUP BY d.entry_id""";

  /**
   * The recommendation funnel by day, experiment and variant ('' outside one), and (kind 'influenced') the
   * attributed purchases counted once each, with their revenue.
   */
  static final String FUNNEL = """
    SELECT day, kind, experiment_id, variant, sum(impressions)::bigint AS impressions,
           sum(clicked)::bigint AS clicked, sum(carted)::bigint AS carted, sum(purchased)::bigint AS purchased,
           sum(revenue)::bigint AS revenue
    FROM analytics_daily_funnel WHERE""" + IN_PERIOD + """

    GROUP BY day, kind, experiment_id, variant""";

  /** Refreshes one rollup without blocking its readers; the names are this class's constants, never input. */
  static final java.util.List<String> ROLLUPS = java.util.List.of("analytics_daily", "analytics_daily_handoffs",
    "analytics_daily_intents", "analytics_daily_knowledge", "analytics_daily_funnel");

  /**
   * The shopper wrote in conversation c. A scalar subquery with LIMIT, not EXISTS: PostgreSQL turns an EXISTS into a
   * semi-join it may run as a hash over every shopper message of the table (the whole history, whatever the
   * period); this runs per conversation of the period through the primary key, where the first message is usually
   * the shopper's.
   */
  private static final String WROTE =
    " coalesce((SELECT true FROM messages s WHERE s.conversation_id = c.id AND s.sender = 'shopper' LIMIT 1), false)";

  /** The period's cohort (by instants: $1 first, $2 after the last day) for the queries that cannot use rollups. */
  private static final String COHORT = """
    convs AS (
      SELECT c.id, c.visitor_id FROM conversations c
      WHERE c.created_at >= $1 AND c.created_at < $2
        AND ($3::text IS NULL OR c.locale = $3) AND ($4::text IS NULL OR c.channel = $4)
        AND""" + WROTE + """

    )""";

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
