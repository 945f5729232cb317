-- Analytics and conversation review (issue 9). A conversation's channel, so the dashboard can be filtered by where
-- shoppers chat: 'web' is the website widget, the only channel today (every existing conversation came from it).
ALTER TABLE conversations ADD COLUMN channel text NOT NULL DEFAULT 'web'
  CHECK (channel ~ '^[a-z][a-z0-9_]{0,31}$');

-- The dashboard's queries start from the conversations started in a period (docs/analytics.md) and reach their
-- messages through the primary key; these indexes serve the rest without scanning whole tables.
CREATE INDEX conversations_created_idx ON conversations (created_at) INCLUDE (locale, channel, visitor_id);
-- handoffs_active_key covers only active handoffs; analytics reads ended ones too.
CREATE INDEX handoffs_conversation_idx ON handoffs (conversation_id, requested_at);
CREATE INDEX satisfaction_ratings_conversation_idx ON satisfaction_ratings (conversation_id);
CREATE INDEX recommendation_impressions_shown_idx ON recommendation_impressions (shown_at);

-- Daily rollups of the dashboard's figures (docs/analytics.md), by the day a conversation started (UTC), its locale
-- and channel: the dashboard sums the days of a period instead of joining a period's conversations to their
-- messages at every request (seconds with a million bot turns). The server refreshes them on a timer and on demand
-- (REFRESH MATERIALIZED VIEW CONCURRENTLY: readers are never blocked); each needs a unique index for that.
-- The cohort: conversations in which the shopper wrote at least once.
CREATE MATERIALIZED VIEW analytics_daily AS
WITH convs AS (
  SELECT c.id, (c.created_at AT TIME ZONE 'UTC')::date AS day, c.locale, c.channel FROM conversations c
  WHERE EXISTS (SELECT 1 FROM messages s WHERE s.conversation_id = c.id AND s.sender = 'shopper')
), handed AS (SELECT DISTINCT conversation_id FROM handoffs),
turns AS (
  SELECT conversation_id, count(*) AS bot_turns, count(*) FILTER (WHERE intent = 'oos') AS oos_turns
  FROM messages WHERE sender = 'bot' GROUP BY conversation_id
)
SELECT c.day, c.locale, c.channel, count(*) AS conversations, count(h.conversation_id) AS handed_off,
       coalesce(sum(t.bot_turns), 0)::bigint AS bot_turns, coalesce(sum(t.oos_turns), 0)::bigint AS oos_turns
FROM convs c LEFT JOIN handed h ON h.conversation_id = c.id LEFT JOIN turns t ON t.conversation_id = c.id
GROUP BY c.day, c.locale, c.channel;
CREATE UNIQUE INDEX analytics_daily_key ON analytics_daily (day, locale, channel);

-- Handoff reasons (each handed-off conversation's first handoff), the wait for an agent (handoffs a shopper waited
-- for: all but agent_joined) and the ratings, by the conversation's day.
CREATE MATERIALIZED VIEW analytics_daily_handoffs AS
WITH convs AS (
  SELECT c.id, (c.created_at AT TIME ZONE 'UTC')::date AS day, c.locale, c.channel FROM conversations c
  WHERE EXISTS (SELECT 1 FROM messages s WHERE s.conversation_id = c.id AND s.sender = 'shopper')
), firsts AS (
  SELECT DISTINCT ON (conversation_id) conversation_id, reason FROM handoffs
  ORDER BY conversation_id, requested_at, id
), reasons AS (
  SELECT c.day, c.locale, c.channel, 'reason' AS kind, f.reason AS key, count(*) AS n, 0::float8 AS seconds
  FROM firsts f JOIN convs c ON c.id = f.conversation_id GROUP BY 1, 2, 3, 5
), waits AS (
  SELECT c.day, c.locale, c.channel, 'wait' AS kind,
         CASE WHEN h.assigned_at IS NULL THEN 'unanswered' ELSE 'answered' END AS key, count(*) AS n,
         coalesce(sum(extract(epoch FROM h.assigned_at - h.requested_at)), 0)::float8 AS seconds
  FROM handoffs h JOIN convs c ON c.id = h.conversation_id WHERE h.reason <> 'agent_joined' GROUP BY 1, 2, 3, 5
), ratings AS (
  SELECT c.day, c.locale, c.channel, 'rating' AS kind, r.rating::text AS key, count(*) AS n, 0::float8 AS seconds
  FROM satisfaction_ratings r JOIN convs c ON c.id = r.conversation_id GROUP BY 1, 2, 3, 5
)
SELECT * FROM reasons UNION ALL SELECT * FROM waits UNION ALL SELECT * FROM ratings;
CREATE UNIQUE INDEX analytics_daily_handoffs_key ON analytics_daily_handoffs (day, locale, channel, kind, key);

-- Bot turns by intent (with their summed confidence), by the conversation's day.
CREATE MATERIALIZED VIEW analytics_daily_intents AS
SELECT (c.created_at AT TIME ZONE 'UTC')::date AS day, c.locale, c.channel, coalesce(m.intent, '') AS intent,
       count(*) AS turns, coalesce(sum(m.confidence), 0)::float8 AS confidence
FROM conversations c JOIN messages m ON m.conversation_id = c.id AND m.sender = 'bot'
WHERE EXISTS (SELECT 1 FROM messages s WHERE s.conversation_id = c.id AND s.sender = 'shopper')
GROUP BY 1, 2, 3, 4;
CREATE UNIQUE INDEX analytics_daily_intents_key ON analytics_daily_intents (day, locale, channel, intent);

-- Knowledge entries cited by bot turns: the turns citing each, and the conversations in which it was cited at or
-- before the conversation's first handoff.
CREATE MATERIALIZED VIEW analytics_daily_knowledge AS
WITH firsts AS (
  SELECT conversation_id, min(requested_at) AS requested_at FROM handoffs GROUP BY conversation_id
)
SELECT (c.created_at AT TIME ZONE 'UTC')::date AS day, c.locale, c.channel, src->>'id' AS entry_id,
       max(src->>'title') AS title, count(*) AS uses,
       count(DISTINCT c.id) FILTER (WHERE f.requested_at IS NOT NULL AND m.created_at <= f.requested_at) AS handoffs
FROM conversations c
JOIN messages m ON m.conversation_id = c.id AND m.sender = 'bot' AND m.payload ? 'sources'
CROSS JOIN LATERAL jsonb_array_elements(m.payload->'sources') src
LEFT JOIN firsts f ON f.conversation_id = c.id
WHERE src->>'id' IS NOT NULL
  AND EXISTS (SELECT 1 FROM messages s WHERE s.conversation_id = c.id AND s.sender = 'shopper')
GROUP BY 1, 2, 3, 4;
CREATE UNIQUE INDEX analytics_daily_knowledge_key ON analytics_daily_knowledge (day, locale, channel, entry_id);

-- The recommendation funnel by the day an impression was shown, its conversation's locale and channel ('' when it
-- has none) and its experiment and variant ('' outside one), attributed as experiment/ExperimentQueries.ATTRIBUTION
-- does (the experiment's window, else 72 hours); and each attributed purchase once, on the day of the first
-- impression it is attributed to (revenue influenced by the chat).
CREATE MATERIALIZED VIEW analytics_daily_funnel AS
WITH shown AS (
  SELECT i.impression_id, coalesce(i.experiment_id, '') AS experiment_id, coalesce(i.variant, '') AS variant,
         i.visitor_id, i.shopper_id, i.skus, i.shown_at, (i.shown_at AT TIME ZONE 'UTC')::date AS day,
         coalesce(c.locale, '') AS locale, coalesce(c.channel, '') AS channel,
         i.shown_at + make_interval(hours => coalesce(x.window_hours, 72)) AS until
  FROM recommendation_impressions i
  LEFT JOIN experiments x ON x.id = i.experiment_id
  LEFT JOIN conversations c ON c.id = i.conversation_id
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
), funnel AS (
  SELECT s.day, s.locale, s.channel, s.experiment_id, s.variant,
         coalesce(bool_or(a.type = 'click'), false) AS clicked,
         coalesce(bool_or(a.type = 'add_to_cart'), false) AS carted,
         coalesce(bool_or(a.type = 'purchase'), false) AS purchased,
         coalesce(sum(a.price_cents) FILTER (WHERE a.type = 'purchase'), 0) AS revenue
  FROM shown s LEFT JOIN attributed a ON a.impression_id = s.impression_id
  GROUP BY s.impression_id, s.day, s.locale, s.channel, s.experiment_id, s.variant
), purchases AS (
  SELECT DISTINCT ON (a.event_id) a.event_id, a.price_cents, s.day, s.locale, s.channel
  FROM attributed a JOIN shown s ON s.impression_id = a.impression_id
  WHERE a.type = 'purchase' ORDER BY a.event_id, s.shown_at, s.impression_id
)
SELECT day, locale, channel, 'funnel' AS kind, experiment_id, variant, count(*) AS impressions,
       count(*) FILTER (WHERE clicked) AS clicked, count(*) FILTER (WHERE carted) AS carted,
       count(*) FILTER (WHERE purchased) AS purchased, coalesce(sum(revenue), 0)::bigint AS revenue
FROM funnel GROUP BY day, locale, channel, experiment_id, variant
UNION ALL
SELECT day, locale, channel, 'influenced', '', '', 0, 0, 0, count(*), coalesce(sum(price_cents), 0)::bigint
FROM purchases GROUP BY day, locale, channel;
CREATE UNIQUE INDEX analytics_daily_funnel_key
  ON analytics_daily_funnel (day, locale, channel, kind, experiment_id, variant);
-- Visitors who chatted vs not is a count of distinct visitors over the whole period, which days cannot add up to:
-- it stays a query over behaviour_events, served by this index alone (no table reads).
CREATE INDEX behaviour_events_time_visitor_idx ON behaviour_events (occurred_at) INCLUDE (visitor_id, type);
