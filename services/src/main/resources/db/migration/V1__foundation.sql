-- The foundation schema: shoppers and their conversations, the knowledge base (system of record;
-- the Lucene index is rebuilt from it), and the demo shop's catalog and orders.

CREATE TABLE shoppers (
  id          text PRIMARY KEY,
  email       text UNIQUE,
  name        text,
  locale      text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'zh')),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- A visitor is a browser (the widget's localStorage id); it may later be linked to a shopper on sign-in.
CREATE TABLE visitors (
  id          text PRIMARY KEY,
  shopper_id  text REFERENCES shoppers (id),
  locale      text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'zh')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE conversations (
  id          text PRIMARY KEY,
  visitor_id  text NOT NULL REFERENCES visitors (id),
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'handoff_requested', 'closed')),
  locale      text NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'zh')),
  -- Highest seq handed out; bumped under a row lock so seqs are gap-free and ordered per conversation.
  last_seq    integer NOT NULL DEFAULT 0,
  -- Dialogue state (misunderstanding count, current flow, slots); owned by the dialogue manager.
  state       jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversations_visitor_idx ON conversations (visitor_id, updated_at DESC);

CREATE TABLE messages (
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  seq             integer NOT NULL,
  sender          text NOT NULL CHECK (sender IN ('shopper', 'bot', 'agent')),
  text            text NOT NULL,
  -- The shopper client's idempotency key: a resend with the same id is never stored twice.
  client_msg_id   text,
  -- For bot and agent turns: the shopper message answered. One bot reply per shopper message.
  reply_to_seq    integer,
  intent          text,
  confidence      real,
  -- quickReplies, cards, sources: rendered by clients, kept verbatim for replay.
  payload         jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, seq),
  CONSTRAINT messages_client_msg_id_key UNIQUE (conversation_id, client_msg_id)
);
CREATE UNIQUE INDEX messages_bot_reply_key ON messages (conversation_id, reply_to_seq) WHERE sender = 'bot';

CREATE TABLE knowledge_entries (
  id          text PRIMARY KEY,
  locale      text NOT NULL CHECK (locale IN ('en', 'zh')),
  title       text NOT NULL,
  questions   jsonb NOT NULL DEFAULT '[]'::jsonb,
  answer      text NOT NULL,
  tags        jsonb NOT NULL DEFAULT '[]'::jsonb,
  category    text,
  status      text NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'published', 'archived')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
  sku         text PRIMARY KEY,
  title       text NOT NULL,
  description text NOT NULL DEFAULT '',
  category    text NOT NULL,
  brand       text NOT NULL,
  price_cents integer NOT NULL CHECK (price_cents >= 0),
  currency    text NOT NULL DEFAULT 'EUR',
  stock       integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
  image       text,
  attributes  jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX products_category_idx ON products (category);

CREATE TABLE orders (
  order_number      text PRIMARY KEY,
  shopper_id        text NOT NULL REFERENCES shoppers (id),
  status            text NOT NULL CHECK (status IN ('pending', 'paid', 'processing', 'shipped', 'delivered',
                                                    'cancelled', 'return_requested', 'refunded')),
  placed_at         timestamptz NOT NULL,
  shipping_cents    integer NOT NULL DEFAULT 0,
  carrier           text,
  tracking_number   text,
  expected_delivery date,
  delivered_at      timestamptz,
  shipping_address  jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX orders_shopper_idx ON orders (shopper_id, placed_at DESC);

CREATE TABLE order_items (
  order_number     text NOT NULL REFERENCES orders (order_number) ON DELETE CASCADE,
  line             integer NOT NULL,
  sku              text NOT NULL REFERENCES products (sku),
  quantity         integer NOT NULL CHECK (quantity > 0),
  unit_price_cents integer NOT NULL CHECK (unit_price_cents >= 0),
  PRIMARY KEY (order_number, line)
);
