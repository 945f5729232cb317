-- Signed shopper identities (issue 4): a conversation started with a verified identity belongs to that shopper.
-- NULL is an anonymous conversation. It is resumed only by a hello verified as the same shopper (an anonymous
-- one is bound to the first verified shopper who resumes it), so nobody is shown another shopper's chat.
-- visitors.shopper_id (V1) records the browser's latest verified shopper.
ALTER TABLE conversations ADD COLUMN shopper_id text REFERENCES shoppers (id);
CREATE INDEX conversations_shopper_idx ON conversations (shopper_id, updated_at DESC) WHERE shopper_id IS NOT NULL;
