-- The demo shop backend (issue 4): what its API needs beyond the foundation's orders. Cancellations keep
-- their reason and fee; returns and refunds live in refunds, one per order (a return covers the whole order).

ALTER TABLE orders
  ADD COLUMN currency               text NOT NULL DEFAULT 'EUR',
  ADD COLUMN cancelled_at           timestamptz,
  ADD COLUMN cancellation_reason    text,
  -- Charged when an order is cancelled while the warehouse is already processing it.
  ADD COLUMN cancellation_fee_cents integer NOT NULL DEFAULT 0 CHECK (cancellation_fee_cents >= 0);

CREATE TABLE refunds (
  order_number  text PRIMARY KEY REFERENCES orders (order_number) ON DELETE CASCADE,
  -- requested: return started, parcel not back yet; approved: money on its way; refunded: sent.
  status        text NOT NULL CHECK (status IN ('requested', 'approved', 'refunded', 'rejected')),
  amount_cents  integer NOT NULL CHECK (amount_cents >= 0),
  currency      text NOT NULL DEFAULT 'EUR',
  method        text NOT NULL DEFAULT 'original payment method',
  -- Why the shopper sent the order back, or why it was cancelled.
  reason        text,
  requested_at  timestamptz NOT NULL DEFAULT now(),
  refunded_at   timestamptz
);
