-- Requests that always go to a person, whatever the bot could say (the "policy" trigger): by the intent the NLU
-- reads. Admins edit the list in the admin console's Team panel (PUT /api/admin/handoff-rules).
CREATE TABLE handoff_rules (
  intent     text PRIMARY KEY CHECK (intent ~ '^[a-z][a-z0-9_]{0,63}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  staff_id   bigint REFERENCES staff_users (id) ON DELETE SET NULL
);

-- Deleting an account and its personal data needs the shopper's identity checked by a person.
INSERT INTO handoff_rules (intent) VALUES ('delete_account');
