package com.shopchat.learning;

/** The learning loop's SQL: the NLU inbox and the stored model versions (V13). */
final class LearningQueries {

  private LearningQueries() {
  }

  static final String CAPTURE = """
    INSERT INTO nlu_inbox (conversation_id, seq, text, locale, intent, confidence, ranking, model_version, reasons,
      unanswered)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
    ON CONFLICT (conversation_id, seq) DO NOTHING""";

  static final String COLUMNS = """
    id, text, locale, intent, confidence, ranking, model_version, reasons, unanswered, status, reviewed_intent,
    reviewed_at, gap_entry_id, created_at, chosen_intent""";

  static final String LIST = "SELECT " + COLUMNS + " FROM nlu_inbox WHERE status = $1 "
    + "ORDER BY CASE WHEN $1 = 'pending' THEN id END ASC, reviewed_at DESC NULLS LAST, id ASC LIMIT $2";

  /**
   * The shopper's tap on a "did you mean" button names the intent they meant: kept on the conversation's message
   * queued just before, while it waits for review.
   */
  static final String CHOSEN = """
    UPDATE nlu_inbox SET chosen_intent = $3 WHERE conversation_id = $1 AND status = 'pending'
      AND seq = (SELECT max(seq) FROM nlu_inbox WHERE conversation_id = $1 AND seq < $2)""";

  static final String COUNT = "SELECT count(*) FROM nlu_inbox WHERE status = $1";

  static final String REVIEW = "UPDATE nlu_inbox SET status = 'reviewed', reviewed_intent = $2, reviewed_by = $3, "
    + "reviewed_at = now() WHERE id = $1 RETURNING " + COLUMNS;

  static final String REVIEWED_EXAMPLES =
    "SELECT text, reviewed_intent FROM nlu_inbox WHERE status = 'reviewed' ORDER BY id";

  static final String GAP_CANDIDATES = "SELECT " + COLUMNS + " FROM nlu_inbox WHERE unanswered AND gap_entry_id IS NULL "
    + "AND (status = 'pending' OR reviewed_intent = 'oos' OR reviewed_intent <> intent) ORDER BY created_at DESC LIMIT $1";

  static final String GAP_ITEMS = "SELECT " + COLUMNS + " FROM nlu_inbox WHERE id = ANY($1) AND unanswered "
    + "AND gap_entry_id IS NULL ORDER BY id";

  static final String MARK_GAP = "UPDATE nlu_inbox SET gap_entry_id = $2 WHERE id = ANY($1)";

  static final String MODEL_COLUMNS = "version, parent, dir, status, metrics, examples, created_at, promoted_at";

  static final String MODELS = "SELECT " + MODEL_COLUMNS + " FROM nlu_models ORDER BY created_at DESC, version";

  static final String MODEL = "SELECT " + MODEL_COLUMNS + " FROM nlu_models WHERE version = $1";

  static final String SERVING = "SELECT " + MODEL_COLUMNS + " FROM nlu_models WHERE status = 'serving'";

  /** The model found serving at a start with no row for it: recorded as serving since now. */
  static final String ADOPT = """
    INSERT INTO nlu_models (version, parent, dir, status, promoted_at)
    SELECT $1, NULL, $2, 'serving', now() WHERE NOT EXISTS (SELECT 1 FROM nlu_models WHERE status = 'serving')
    ON CONFLICT (version) DO NOTHING""";

  static final String ADD_CANDIDATE = """
    INSERT INTO nlu_models (version, parent, dir, status, metrics, examples) VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (version) DO UPDATE SET metrics = EXCLUDED.metrics, examples = EXCLUDED.examples
    RETURNING """ + " " + MODEL_COLUMNS;

  static final String RETIRE_SERVING = "UPDATE nlu_models SET status = 'retired' WHERE status = 'serving'";

  static final String SERVE = "UPDATE nlu_models SET status = 'serving', promoted_at = now() WHERE version = $1 "
    + "AND status IN ('candidate', 'retired', 'rejected') RETURNING " + MODEL_COLUMNS;

  /** The model served before the serving one: the last retired one that had been promoted. */
  static final String PREVIOUS = "SELECT " + MODEL_COLUMNS + " FROM nlu_models WHERE status = 'retired' "
    + "AND promoted_at IS NOT NULL ORDER BY promoted_at DESC LIMIT 1";
}
