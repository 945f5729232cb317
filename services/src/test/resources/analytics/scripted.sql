-- A scripted data set with hand-computed answers (docs/analytics.md, AnalyticsApiTest): 1 and 2 March 2025 (UTC),
-- seven conversations with shopper messages, one opened and never written in, one the day before.
INSERT INTO staff_users (email, password_hash, roles) VALUES ('analytics-agent@shop.test', 'x', '{agent}');

INSERT INTO visitors (id, locale) VALUES
  ('an-v1', 'en'), ('an-v2', 'en'), ('an-v3', 'en'), ('an-v4', 'en'), ('an-v5', 'en'), ('an-v6', 'en'),
  ('an-v7', 'zh'), ('an-v8', 'en'), ('an-v9', 'en');

INSERT INTO conversations (id, visitor_id, locale, channel, status, last_seq, created_at, updated_at) VALUES
  ('an-c1', 'an-v1', 'en', 'web', 'open',   2, '2025-03-01 10:00:00+00', '2025-03-01 10:00:05+00'),
  ('an-c2', 'an-v2', 'en', 'web', 'closed', 5, '2025-03-01 11:00:00+00', '2025-03-01 11:20:00+00'),
  ('an-c3', 'an-v3', 'en', 'web', 'closed', 4, '2025-03-01 12:00:00+00', '2025-03-01 12:30:00+00'),
  ('an-c4', 'an-v4', 'en', 'web', 'open',   0, '2025-03-01 13:00:00+00', '2025-03-01 13:00:00+00'),
  ('an-c5', 'an-v5', 'en', 'web', 'open',   2, '2025-03-02 09:00:00+00', '2025-03-02 09:00:05+00'),
  ('an-c6', 'an-v6', 'en', 'app', 'open',   2, '2025-03-02 10:00:00+00', '2025-03-02 10:00:05+00'),
  ('an-c7', 'an-v7', 'zh', 'web', 'handoff_requested', 2, '2025-03-02 11:00:00+00', '2025-03-02 11:01:00+00'),
  ('an-c8', 'an-v8', 'en', 'web', 'closed', 3, '2025-03-02 12:00:00+00', '2025-03-02 12:30:00+00'),
  ('an-c9', 'an-v9', 'en', 'web', 'closed', 2, '2025-02-28 23:59:59+00', '2025-03-01 00:10:00+00');

INSERT INTO messages (conversation_id, seq, sender, text, reply_to_seq, intent, confidence, payload, created_at,
                      flow, nlu_model_version, latency_ms) VALUES
  ('an-c1', 1, 'shopper', 'where is order 10042?', NULL, NULL, NULL, '{}', '2025-03-01 10:00:01+00', NULL, NULL, NULL),
  ('an-c1', 2, 'bot', 'Order 10042 has shipped.', 1, 'track_order', 0.9, '{}', '2025-03-01 10:00:02+00',
   'order_status', 'intent-2025-02', 41),
  ('an-c2', 1, 'shopper', 'how do returns work?', NULL, NULL, NULL, '{}', '2025-03-01 11:00:01+00', NULL, NULL, NULL),
  ('an-c2', 2, 'bot', 'You can return within 30 days.', 1, 'faq', 0.8,
   '{"sources": [{"id": "an-returns", "title": "Returns"}]}', '2025-03-01 11:00:05+00', NULL, 'intent-2025-02', 55),
  ('an-c2', 3, 'shopper', 'I want a person about my refund', NULL, NULL, NULL, '{}', '2025-03-01 11:04:00+00',
   NULL, NULL, NULL),
  ('an-c2', 4, 'bot', 'I am getting you a person.', 3, 'human', 0.95, '{}', '2025-03-01 11:04:01+00', NULL,
   'intent-2025-02', 30),
  ('an-c2', 5, 'agent', 'Hello, I can help with the refund.', NULL, NULL, NULL, '{}', '2025-03-01 11:08:00+00',
   NULL, NULL, NULL),
  ('an-c3', 1, 'shopper', 'blorp zzz', NULL, NULL, NULL, '{}', '2025-03-01 12:00:01+00', NULL, NULL, NULL),
  ('an-c3', 2, 'bot', 'I can''t help with that.', 1, 'oos', 0.3, '{}', '2025-03-01 12:00:02+00', NULL,
   'intent-2025-02', 20),
  ('an-c3', 3, 'shopper', 'qwerty', NULL, NULL, NULL, '{}', '2025-03-01 12:01:00+00', NULL, NULL, NULL),
  ('an-c3', 4, 'bot', 'I still can''t help with that.', 3, 'oos', 0.2, '{}', '2025-03-01 12:01:01+00', NULL,
   'intent-2025-02', 22),
  ('an-c5', 1, 'shopper', 'return policy?', NULL, NULL, NULL, '{}', '2025-03-02 09:00:01+00', NULL, NULL, NULL),
  ('an-c5', 2, 'bot', 'You can return within 30 days.', 1, 'faq', 0.7,
   '{"sources": [{"id": "an-returns", "title": "Returns"}]}', '2025-03-02 09:00:02+00', NULL, 'intent-2025-03', 48),
  ('an-c6', 1, 'shopper', 'track my parcel', NULL, NULL, NULL, '{}', '2025-03-02 10:00:01+00', NULL, NULL, NULL),
  ('an-c6', 2, 'bot', 'Which order?', 1, 'track_order', 0.6, '{}', '2025-03-02 10:00:02+00', 'order_status',
   'intent-2025-03', 35),
  ('an-c7', 1, 'shopper', '快递太慢了', NULL, NULL, NULL, '{}', '2025-03-02 11:00:01+00', NULL, NULL, NULL),
  ('an-c7', 2, 'bot', '很抱歉。', 1, 'complaint', 0.85,
   '{"sources": [{"id": "an-delivery", "title": "Delivery times"}]}', '2025-03-02 11:00:05+00', NULL,
   'intent-2025-03', 60),
  ('an-c8', 1, 'shopper', 'when will it arrive?', NULL, NULL, NULL, '{}', '2025-03-02 12:00:01+00', NULL, NULL, NULL),
  ('an-c8', 2, 'bot', 'Delivery takes 3-5 days.', 1, 'faq', 0.9,
   '{"sources": [{"id": "an-delivery", "title": "Delivery times"}]}', '2025-03-02 12:00:02+00', NULL,
   'intent-2025-03', 44),
  ('an-c8', 3, 'agent', 'Hi, I am checking with the courier.', NULL, NULL, NULL, '{}', '2025-03-02 12:10:30+00',
   NULL, NULL, NULL),
  ('an-c9', 1, 'shopper', 'talk to a human', NULL, NULL, NULL, '{}', '2025-02-28 23:59:59+00', NULL, NULL, NULL),
  ('an-c9', 2, 'bot', 'Getting a person.', 1, 'human', 0.99, '{}', '2025-03-01 00:00:00+00', NULL,
   'intent-2025-02', 25);

INSERT INTO handoffs (conversation_id, state, reason, locale, agent_id, requested_at, assigned_at, ended_at, ended_how)
SELECT v.conversation_id, v.state, v.reason, v.locale, CASE WHEN v.assigned_at IS NULL THEN NULL ELSE s.id END,
       v.requested_at::timestamptz, v.assigned_at::timestamptz, v.ended_at::timestamptz, v.ended_how
FROM (VALUES
  ('an-c2', 'ended', 'shopper_asked', 'en', '2025-03-01 11:05:00+00', '2025-03-01 11:07:00+00',
   '2025-03-01 11:20:00+00', 'closed'),
  ('an-c3', 'ended', 'misunderstood', 'en', '2025-03-01 12:03:00+00', '2025-03-01 12:09:00+00',
   '2025-03-01 12:30:00+00', 'closed'),
  ('an-c7', 'queued', 'complaint', 'zh', '2025-03-02 11:01:00+00', NULL, NULL, NULL),
  ('an-c8', 'ended', 'agent_joined', 'en', '2025-03-02 12:10:00+00', '2025-03-02 12:10:00+00',
   '2025-03-02 12:30:00+00', 'closed'),
  ('an-c9', 'ended', 'shopper_asked', 'en', '2025-03-01 00:00:00+00', '2025-03-01 00:01:00+00',
   '2025-03-01 00:10:00+00', 'closed')
) AS v (conversation_id, state, reason, locale, requested_at, assigned_at, ended_at, ended_how)
CROSS JOIN (SELECT id FROM staff_users WHERE email = 'analytics-agent@shop.test') s;

INSERT INTO satisfaction_ratings (handoff_id, conversation_id, rating, comment, rated_at)
SELECT h.id, h.conversation_id, v.rating, v.comment, h.ended_at + interval '1 minute'
FROM handoffs h JOIN (VALUES ('an-c2', 5, 'quick and kind'), ('an-c3', 2, NULL), ('an-c8', 4, NULL),
                             ('an-c9', 1, NULL)) AS v (conversation_id, rating, comment)
  ON v.conversation_id = h.conversation_id;

INSERT INTO experiments (id, name, metric, status, window_hours, created_at, started_at, stopped_at) VALUES
  ('an-exp', 'Scripted cards test', 'ctr', 'stopped', 24, '2025-02-20 00:00:00+00', '2025-02-20 00:00:00+00',
   '2025-03-10 00:00:00+00');
INSERT INTO experiment_variants (experiment_id, position, name, strategy, cards_enabled, weight) VALUES
  ('an-exp', 0, 'A', 'hybrid', true, 50), ('an-exp', 1, 'B', 'popularity', true, 50);

INSERT INTO recommendation_impressions (impression_id, conversation_id, visitor_id, experiment_id, variant,
                                        strategy, skus, shown_at) VALUES
  ('an-i1', 'an-c1', 'an-v1', 'an-exp', 'A', 'hybrid', '{AN-SKU-1}', '2025-03-01 10:01:00+00'),
  ('an-i2', 'an-c2', 'an-v2', 'an-exp', 'A', 'hybrid', '{AN-SKU-2}', '2025-03-01 11:01:00+00'),
  ('an-i3', 'an-c3', 'an-v3', 'an-exp', 'A', 'hybrid', '{AN-SKU-3}', '2025-03-01 12:01:00+00'),
  ('an-i4', 'an-c5', 'an-v5', 'an-exp', 'A', 'hybrid', '{AN-SKU-1}', '2025-03-02 09:01:00+00'),
  ('an-i5', 'an-c6', 'an-v6', 'an-exp', 'B', 'popularity', '{AN-SKU-2}', '2025-03-02 10:01:00+00'),
  ('an-i6', 'an-c8', 'an-v8', 'an-exp', 'B', 'popularity', '{AN-SKU-3}', '2025-03-02 12:01:00+00'),
  ('an-i7', 'an-c1', 'an-v1', NULL, NULL, 'hybrid', '{AN-SKU-4}', '2025-03-01 10:30:00+00');

INSERT INTO behaviour_events (event_id, type, visitor_id, skus, occurred_at, price_cents, impression_id, source) VALUES
  ('an-e1', 'click', 'an-v1', '{AN-SKU-1}', '2025-03-01 10:02:00+00', NULL, 'an-i1', 'widget'),
  ('an-e2', 'add_to_cart', 'an-v1', '{AN-SKU-1}', '2025-03-01 10:03:00+00', NULL, 'an-i1', 'widget'),
  ('an-e3', 'purchase', 'an-v1', '{AN-SKU-1}', '2025-03-01 10:10:00+00', 5000, NULL, 'api'),
  ('an-e4', 'click', 'an-v2', '{AN-SKU-2}', '2025-03-01 11:02:00+00', NULL, 'an-i2', 'widget'),
  ('an-e5', 'click', 'an-v6', '{AN-SKU-2}', '2025-03-02 10:02:00+00', NULL, 'an-i5', 'widget'),
  ('an-e6', 'add_to_cart', 'an-v6', '{AN-SKU-2}', '2025-03-02 10:03:00+00', NULL, 'an-i5', 'widget'),
  ('an-e7', 'purchase', 'an-v6', '{AN-SKU-2}', '2025-03-02 10:30:00+00', 3000, NULL, 'api'),
  ('an-e8', 'purchase', 'an-v1', '{AN-SKU-4}', '2025-03-03 10:00:00+00', 2000, NULL, 'api'),
  ('an-e9', 'purchase', 'an-v3', '{AN-SKU-3}', '2025-03-03 13:00:00+00', 4000, NULL, 'api'),
  ('an-e10', 'view', 'an-v20', '{AN-SKU-1}', '2025-03-01 15:00:00+00', NULL, NULL, 'api'),
  ('an-e11', 'purchase', 'an-v21', '{AN-SKU-9}', '2025-03-02 15:00:00+00', 1000, NULL, 'api'),
  ('an-e12', 'view', 'an-v22', '{AN-SKU-2}', '2025-03-02 16:00:00+00', NULL, NULL, 'api');
