-- Every bot turn records what the dialogue decided, for analytics and conversation review (issue 4):
-- the entities the NLU found in the shopper message, the flow that answered, and how long the bot's turn
-- took (NLU, dialogue, shop backend) until its reply was ready to store.
ALTER TABLE messages ADD COLUMN entities jsonb;
ALTER TABLE messages ADD COLUMN flow text;
ALTER TABLE messages ADD COLUMN latency_ms integer CHECK (latency_ms >= 0);
