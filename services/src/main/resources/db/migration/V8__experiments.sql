-- A/B experiments on recommendations (issue 6). An admin defines an experiment with two or more variants
-- (a strategy and whether product cards show), a traffic split and the metric it is judged on; while it runs,
-- every visitor is assigned one variant by a stable hash and every impression records which. Attribution
-- (impression → click → add-to-cart → purchase) is computed from recommendation_impressions and behaviour_events.
CREATE TABLE experiments (
  id           text PRIMARY KEY,
  name         text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  metric       text NOT NULL CHECK (metric IN ('ctr', 'conversion')),
  status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'running', 'stopped')),
  window_hours integer NOT NULL CHECK (window_hours BETWEEN 1 AND 720),
  created_at   timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  stopped_at   timestamptz,
  -- The variant rolled out when the experiment stopped, if any.
  winner       text
);
-- At most one experiment runs at a time: a second start fails on this index, whatever the race.
CREATE UNIQUE INDEX experiments_one_running ON experiments (status) WHERE status = 'running';

CREATE TABLE experiment_variants (
  experiment_id text NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  -- The order the admin gave; position 0 is the control every other variant is tested against.
  position      smallint NOT NULL,
  name          text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 40),
  strategy      text NOT NULL CHECK (strategy IN ('hybrid', 'popularity', 'content')),
  cards_enabled boolean NOT NULL,
  -- Percent of traffic; an experiment's weights sum to 100 (checked by the server).
  weight        smallint NOT NULL CHECK (weight BETWEEN 1 AND 100),
  PRIMARY KEY (experiment_id, name),
  UNIQUE (experiment_id, position)
);

-- Every set of product cards shown, with the variant that chose it (NULLs outside an experiment).
CREATE TABLE recommendation_impressions (
  impression_id   text PRIMARY KEY,
  conversation_id text,
  visitor_id      text NOT NULL,
  shopper_id      text,
  experiment_id   text REFERENCES experiments (id),
  variant         text,
  strategy        text NOT NULL CHECK (strategy IN ('hybrid', 'popularity', 'content')),
  skus            text[] NOT NULL,
  shown_at        timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recommendation_impressions_experiment_idx ON recommendation_impressions (experiment_id, variant)
  WHERE experiment_id IS NOT NULL;
CREATE INDEX recommendation_impressions_visitor_idx ON recommendation_impressions (visitor_id, shown_at);

-- What everyone gets outside an experiment: one row, changed when an experiment's winner is rolled out.
CREATE TABLE recommendation_settings (
  id            boolean PRIMARY KEY DEFAULT true CHECK (id),
  strategy      text NOT NULL CHECK (strategy IN ('hybrid', 'popularity', 'content')),
  cards_enabled boolean NOT NULL,
  -- The experiment whose winner this is; NULL for the shipped default.
  experiment_id text REFERENCES experiments (id),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
INSERT INTO recommendation_settings (strategy, cards_enabled) VALUES ('hybrid', true);
