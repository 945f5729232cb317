-- Which model understood each shopper message a bot turn answers, so a change in behaviour can be
-- traced to a model release (issue 3: the model version is recorded on every bot turn).
ALTER TABLE messages ADD COLUMN nlu_model_version text;
