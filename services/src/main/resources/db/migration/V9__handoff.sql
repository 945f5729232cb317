-- Human handoff (issue 7): the queue of conversations waiting for a person, who holds which, and how they ended.
-- A conversation has at most one active handoff (queued or assigned); while it has one, the bot stays silent.

-- What routing needs to know of an agent: the languages they answer in, the topics they know, how many chats
-- they hold at once, and whether they are taking chats now (kept here, not in one node's memory).
ALTER TABLE staff_users
  ADD COLUMN display_name text CHECK (length(display_name) <= 80),
  ADD COLUMN languages    text[] NOT NULL DEFAULT '{en}' CHECK (languages <@ ARRAY['en', 'zh']::text[]),
  ADD COLUMN topics       text[] NOT NULL DEFAULT '{}',
  ADD COLUMN max_chats    integer NOT NULL DEFAULT 3 CHECK (max_chats BETWEEN 1 AND 50),
  ADD COLUMN presence     text NOT NULL DEFAULT 'offline' CHECK (presence IN ('online', 'away', 'offline')),
  ADD COLUMN presence_at  timestamptz;

CREATE TABLE handoffs (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  state           text NOT NULL CHECK (state IN ('queued', 'assigned', 'ended')),
  -- Why a person was asked for: the shopper asked, the bot kept misunderstanding, the shopper is upset or
  -- complaining, a policy needs a person, or an agent joined a live conversation.
  reason          text NOT NULL CHECK (reason IN ('shopper_asked', 'misunderstood', 'frustrated', 'complaint',
                                                  'policy', 'agent_joined')),
  -- Higher first; equal priorities in the order they were asked for.
  priority        integer NOT NULL DEFAULT 0,
  locale          text NOT NULL CHECK (locale IN ('en', 'zh')),
  topic           text,
  agent_id        bigint REFERENCES staff_users (id),
  -- Left by the shopper when no agent was online, so someone can write back.
  contact_email   text CHECK (length(contact_email) <= 254),
  requested_at    timestamptz NOT NULL DEFAULT now(),
  assigned_at     timestamptz,
  ended_at        timestamptz,
  ended_how       text CHECK (ended_how IN ('handed_back', 'closed')),
  CHECK (state <> 'queued' OR agent_id IS NULL),
  CHECK (state <> 'assigned' OR agent_id IS NOT NULL),
  CHECK ((state = 'ended') = (ended_at IS NOT NULL))
);
CREATE UNIQUE INDEX handoffs_active_key ON handoffs (conversation_id) WHERE state <> 'ended';
CREATE INDEX handoffs_queue_idx ON handoffs (priority DESC, requested_at) WHERE state = 'queued';
CREATE INDEX handoffs_agent_idx ON handoffs (agent_id) WHERE state = 'assigned';

-- The shopper's rating of a conversation an agent closed: one per handoff.
CREATE TABLE satisfaction_ratings (
  handoff_id      bigint PRIMARY KEY REFERENCES handoffs (id) ON DELETE CASCADE,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  rating          smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment         text CHECK (length(comment) <= 1000),
  rated_at        timestamptz NOT NULL DEFAULT now()
);

-- Agents' internal notes on a conversation: never shown to the shopper.
CREATE TABLE agent_notes (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  staff_id        bigint NOT NULL REFERENCES staff_users (id),
  text            text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agent_notes_conversation_idx ON agent_notes (conversation_id, created_at);

-- Which agent wrote an agent message.
ALTER TABLE messages ADD COLUMN staff_id bigint REFERENCES staff_users (id);
