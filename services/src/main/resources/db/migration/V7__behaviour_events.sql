-- Behaviour events (issue 6): what visitors and shoppers do with the catalog, from the shop's site
-- (POST /api/events, API key) and from the widget (its websocket). event_id is the sender's idempotency key:
-- a resend is ignored. shopper_id is NULL while the visitor is anonymous and filled in when the visitor signs
-- in, so an anonymous history merges into the shopper's. skus holds the products (several for a purchase).
CREATE TABLE behaviour_events (
  event_id      text PRIMARY KEY,
  type          text NOT NULL CHECK (type IN ('view', 'click', 'add_to_cart', 'remove_from_cart', 'purchase',
                                              'search', 'rate')),
  visitor_id    text NOT NULL,
  shopper_id    text,
  skus          text[] NOT NULL DEFAULT '{}',
  occurred_at   timestamptz NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  query         text,
  rating        smallint CHECK (rating BETWEEN 1 AND 5),
  price_cents   bigint CHECK (price_cents >= 0),
  -- The recommendation impression a card click or add-to-cart came from (issue 6 attribution).
  impression_id text,
  -- Who sent it: 'api' (the shop's site), 'widget' (the chat widget), 'chat' (what the shopper asked the bot).
  source        text NOT NULL CHECK (source IN ('api', 'widget', 'chat'))
);
CREATE INDEX behaviour_events_visitor_idx ON behaviour_events (visitor_id, occurred_at DESC);
CREATE INDEX behaviour_events_shopper_idx ON behaviour_events (shopper_id, occurred_at DESC)
  WHERE shopper_id IS NOT NULL;
CREATE INDEX behaviour_events_time_idx ON behaviour_events (occurred_at);
CREATE INDEX behaviour_events_impression_idx ON behaviour_events (impression_id) WHERE impression_id IS NOT NULL;
