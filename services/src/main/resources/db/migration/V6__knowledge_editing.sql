-- Editing the knowledge base: staff who sign in (admins now, agents with the agent console), and the history of
-- every knowledge entry. knowledge_entries stays the system of record for the current state; each change to it
-- also writes one knowledge_revisions row holding the entry as it became, so any revision can be restored.

CREATE TABLE staff_users (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Stored lower-cased by the server; the unique index makes two spellings of one address impossible anyway.
  email         text NOT NULL,
  -- A PHC-style string from vertx-auth-common's HashingStrategy: $pbkdf2$it=N$salt$hash.
  password_hash text NOT NULL,
  roles         text[] NOT NULL DEFAULT '{}' CHECK (roles <@ ARRAY['admin', 'agent']::text[]),
  created_at    timestamptz NOT NULL DEFAULT now(),
  disabled      boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX staff_users_email_key ON staff_users (lower(email));

-- The revision the entry is at; bumped with every change, the number of its latest knowledge_revisions row.
ALTER TABLE knowledge_entries ADD COLUMN revision integer NOT NULL DEFAULT 1;

CREATE TABLE knowledge_revisions (
  entry_id    text NOT NULL REFERENCES knowledge_entries (id) ON DELETE CASCADE,
  revision    integer NOT NULL,
  locale      text NOT NULL,
  title       text NOT NULL,
  questions   jsonb NOT NULL,
  answer      text NOT NULL,
  tags        jsonb NOT NULL,
  category    text,
  status      text NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
  action      text NOT NULL CHECK (action IN ('create', 'update', 'publish', 'archive', 'rollback', 'import')),
  -- NULL: the system (seed data loaded at start, or entries that predate this history).
  staff_id    bigint REFERENCES staff_users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entry_id, revision)
);

-- Entries already there start their history at revision 1, as imported.
INSERT INTO knowledge_revisions (entry_id, revision, locale, title, questions, answer, tags, category, status, action)
SELECT id, 1, locale, title, questions, answer, tags, category, status, 'import' FROM knowledge_entries;

CREATE INDEX knowledge_entries_status_idx ON knowledge_entries (status, locale);
