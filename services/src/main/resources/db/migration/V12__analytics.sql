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
