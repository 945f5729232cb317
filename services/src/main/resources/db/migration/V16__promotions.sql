-- Personalised promotions (issue 6): coupons an admin defines with a rule saying whom the bot offers them to
-- (a first purchase, a cart above a threshold, a hesitating shopper), offered in the chat and tracked like
-- recommendation impressions: each offer is a row; a tap on its "Use code" button sets clicked_at, and a purchase
-- by the same visitor or shopper within the promotion's attribution window sets redeemed_at and order_id.
CREATE TABLE promotions (
  id                          text PRIMARY KEY,
  name                        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  -- The code the shopper types at checkout; one promotion per code.
  code                        text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9_-]{3,32}$'),
  -- Exactly one of a percent or an amount off.
  percent_off                 smallint CHECK (percent_off BETWEEN 1 AND 90),
  amount_off_cents            bigint CHECK (amount_off_cents BETWEEN 1 AND 100000000),
  rule                        text NOT NULL CHECK (rule IN ('first_purchase', 'cart_above', 'hesitating')),
  -- cart_above: the cart's value must exceed this.
  threshold_cents             bigint CHECK (threshold_cents >= 0),
  -- hesitating: carted items not bought after this many minutes, or this many views without a cart.
  hesitate_minutes            integer CHECK (hesitate_minutes BETWEEN 1 AND 10080),
  hesitate_views              integer CHECK (hesitate_views BETWEEN 1 AND 100),
  text_en                     text NOT NULL CHECK (char_length(text_en) BETWEEN 1 AND 500),
  text_zh                     text NOT NULL CHECK (char_length(text_zh) BETWEEN 1 AND 500),
  active                      boolean NOT NULL DEFAULT false,
  max_offers_per_conversation smallint NOT NULL CHECK (max_offers_per_conversation BETWEEN 1 AND 5),
  valid_from                  timestamptz,
  valid_to                    timestamptz,
  attribution_hours           integer NOT NULL CHECK (attribution_hours BETWEEN 1 AND 720),
  created_by                  text,
  created_at                  timestamptz NOT NULL DEFAULT now(),
  updated_at                  timestamptz NOT NULL DEFAULT now(),
  CHECK ((percent_off IS NULL) <> (amount_off_cents IS NULL)),
  CHECK (rule <> 'cart_above' OR threshold_cents IS NOT NULL),
  CHECK (rule <> 'hesitating' OR (hesitate_minutes IS NOT NULL AND hesitate_views IS NOT NULL)),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from)
);

CREATE TABLE promotion_offers (
  offer_id        text PRIMARY KEY,
  promotion_id    text NOT NULL REFERENCES promotions (id),
  conversation_id text NOT NULL,
  visitor_id      text NOT NULL,
  shopper_id      text,
  offered_at      timestamptz NOT NULL DEFAULT now(),
  clicked_at      timestamptz,
  redeemed_at     timestamptz,
  -- The purchase event that redeemed it (behaviour_events.event_id).
  order_id        text
);
CREATE INDEX promotion_offers_conversation_idx ON promotion_offers (conversation_id);
CREATE INDEX promotion_offers_promotion_idx ON promotion_offers (promotion_id);
CREATE INDEX promotion_offers_open_idx ON promotion_offers (visitor_id, offered_at) WHERE redeemed_at IS NULL;

-- The promotion code a purchase used, when the shop's site (or the widget) says so: a purchase naming an offered
-- code redeems that offer even after the attribution window.
ALTER TABLE behaviour_events ADD COLUMN coupon text CHECK (coupon ~ '^[A-Z0-9_-]{1,32}$');
