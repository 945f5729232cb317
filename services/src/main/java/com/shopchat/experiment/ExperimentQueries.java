package com.shopchat.experiment;

/** Every SQL statement of experiments, assignment settings and impressions; all prepared with {@code $n}. */
final class ExperimentQueries {

  private ExperimentQueries() {
  }

  static final String INSERT_EXPERIMENT = """
    INSERT INTO experiments (id, name, metric, window_hours) VALUES ($1, $2, $3, $4)""";

  static final String INSERT_VARIANT = """
    INSERT INTO experiment_variants (experiment_id, position, name, strategy, cards_enabled, weight)
    VALUES ($1, $2, $3, $4, $5, $6)""";

  static final String EXPERIMENT_COLUMNS =
    "id, name, metric, status, window_hours, created_at, started_at, stopped_at, winner";

  static final String FIND_EXPERIMENT = "SELECT " + EXPERIMENT_COLUMNS + " FROM experiments WHERE id = $1";

  static final String RUNNING_EXPERIMENT = "SELECT " + EXPERIMENT_COLUMNS
    + " FROM experiments WHERE status = 'running'";

  static final String LIST_EXPERIMENTS = "SELECT " + EXPERIMENT_COLUMNS
    + " FROM experiments ORDER BY created_at DESC, id LIMIT $1";

  static final String VARIANTS_OF = """
    SELECT experiment_id, name, strategy, cards_enabled, weight FROM experiment_variants
    WHERE experiment_id = ANY($1) ORDER BY experiment_id, position""";

  // The partial unique index experiments_one_running makes this fail (23505) while another one runs.
  static final String START = """
    UPDATE experiments SET status = 'running', started_at = now() WHERE id = $1 AND status = 'draft'""";

  static final String STOP = """
    UPDATE experiments SET status = 'stopped', stopped_at = now(), winner = $2
    WHERE id = $1 AND status = 'running'""";

  static final String ROLL_OUT = """
    UPDATE recommendation_settings s SET strategy = v.strategy, cards_enabled = v.cards_enabled,
      experiment_id = v.experiment_id, updated_at = now()
    FROM experiment_variants v WHERE v.experiment_id = $1 AND v.name = $2""";

  static final String SETTINGS = "SELECT strategy, cards_enabled, experiment_id FROM recommendation_settings";

  // A resent impression (same id) is ignored: recording is idempotent.
  static final String INSERT_IMPRESSION = """
    INSERT INTO recommendation_impressions
      (impression_id, conversation_id, visitor_id, shopper_id, experiment_id, variant, strategy, skus, shown_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (impression_id) DO NOTHING""";

  /*
   * Attribution, per variant of experiment $1 with a window of $2 hours. An impression's events are the clicks
   * and add-to-carts that name it (impression_id), and the clicks, add-to-carts and purchases of the same visitor
   * or shopper, of one of its skus, from shown_at up to (not including) shown_at + window. Each impression is
   * then clicked / carted / purchased or not, so the rates are proportions of impressions. Revenue: the
   * price_cents of its attributed purchase events. Three UNIONed branches, one per index, not an OR.
   */
  static final String ATTRIBUTION = """
    WITH shown AS (
      SELECT impression_id, variant, visitor_id, shopper_id, skus, shown_at,
             shown_at + make_interval(hours => $2) AS until
      FROM recommendation_impressions WHERE experiment_id = $1
    ), funnel AS (
      SELECT s.variant,
             coalesce(bool_or(e.type = 'click'), false) AS clicked,
             coalesce(bool_or(e.type = 'add_to_cart'), false) AS carted,
             coalesce(bool_or(e.type = 'purchase'), false) AS purchased,
             coalesce(sum(e.price_cents) FILTER (WHERE e.type = 'purchase'), 0) AS revenue
      FROM shown s
      LEFT JOIN LATERAL (
        SELECT b.event_id, b.type, b.price_cents FROM behaviour_events b
         WHERE b.impression_id = s.impression_id AND b.type IN ('click', 'add_to_cart')
        UNION
        SELECT b.event_id, b.type, b.price_cents FROM behaviour_events b
         WHERE b.visitor_id = s.visitor_id AND b.occurred_at >= s.shown_at AND b.occurred_at < s.until
           AND b.type IN ('click', 'add_to_cart', 'purchase') AND b.skus && s.skus
        UNION
        SELECT b.event_id, b.type, b.price_cents FROM behaviour_events b
         WHERE s.shopper_id IS NOT NULL AND b.shopper_id = s.shopper_id
           AND b.occurred_at >= s.shown_at AND b.occurred_at < s.until
           AND b.type IN ('click', 'add_to_cart', 'purchase') AND b.skus && s.skus
      ) e ON true
      GROUP BY s.impression_id, s.variant
    )
    SELECT variant, count(*) AS impressions, count(*) FILTER (WHERE clicked) AS clicked,
           count(*) FILTER (WHERE carted) AS carted, count(*) FILTER (WHERE purchased) AS purchased,
           coalesce(sum(revenue), 0)::bigint AS revenue
    FROM funnel GROUP BY variant""";
}
