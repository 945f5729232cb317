-- Canned replies for the agent console, edited by admins (/api/admin/canned). One row per reply and language;
-- position keeps the order admins and agents see. Filled once from agent/canned.json on the first start after
-- this migration (seeded_data records that it happened, so replies an admin deletes stay deleted).
CREATE TABLE canned_replies (
  id         text NOT NULL CHECK (id ~ '^[a-z0-9_-]{1,40}$'),
  locale     text NOT NULL CHECK (locale IN ('en', 'zh')),
  title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
  text       text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  position   integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  staff_id   bigint REFERENCES staff_users (id) ON DELETE SET NULL,
  PRIMARY KEY (id, locale)
);

-- Data the server fills once, by name, so a later start does not fill it again.
CREATE TABLE seeded_data (
  name      text PRIMARY KEY,
  seeded_at timestamptz NOT NULL DEFAULT now()
);
