-- The learning loop (issue 9): shopper messages the bot was unsure about, queued for an admin to confirm or
-- correct the intent (the NLU inbox), and the intent models retrained from what admins reviewed.

CREATE TABLE nlu_inbox (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  seq             integer NOT NULL,
  text            text NOT NULL,
  locale          text NOT NULL,
  -- What the serving model made of it: its decided intent, confidence and top ranking [{intent, confidence}].
  intent          text NOT NULL,
  confidence      real NOT NULL,
  ranking         jsonb NOT NULL DEFAULT '[]'::jsonb,
  model_version   text,
  -- Why it was queued: low_confidence, clarification, oos, fallback, handoff (one or more).
  reasons         text[] NOT NULL,
  -- The bot found no answer (no knowledge entry above the threshold, out of scope, or "not sure"): a knowledge gap.
  unanswered      boolean NOT NULL DEFAULT false,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'reviewed')),
  -- The intent an admin gave it ('oos' for out of scope); a training example once reviewed.
  reviewed_intent text,
  reviewed_by     bigint REFERENCES staff_users (id),
  reviewed_at     timestamptz,
  -- The intent the shopper picked next from the bot's "did you mean …?" buttons: a hint for the reviewer.
  chosen_intent   text,
  -- Set when an admin turned the knowledge gap this message belongs to into a draft entry.
  gap_entry_id    text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  -- One item per shopper message: a resent message or a repeated turn is not queued twice.
  UNIQUE (conversation_id, seq),
  CHECK ((status = 'reviewed') = (reviewed_intent IS NOT NULL))
);
CREATE INDEX nlu_inbox_pending ON nlu_inbox (created_at) WHERE status = 'pending';
CREATE INDEX nlu_inbox_reviewed ON nlu_inbox (reviewed_at) WHERE status = 'reviewed';

-- Every model the server trained, and the one it serves (at most one row 'serving'). Files live under
-- NLU_MODELS_DIR/<version>; the version is the model's hash (ModelVersion), as messages.nlu_model_version records.
CREATE TABLE nlu_models (
  version     text PRIMARY KEY,
  parent      text,
  dir         text NOT NULL,
  status      text NOT NULL CHECK (status IN ('candidate', 'serving', 'retired', 'rejected')),
  -- The candidate's and its parent's figures on the same held-out set, and the training facts.
  metrics     jsonb NOT NULL DEFAULT '{}'::jsonb,
  examples    integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  promoted_at timestamptz
);
CREATE UNIQUE INDEX nlu_models_one_serving ON nlu_models ((true)) WHERE status = 'serving';
