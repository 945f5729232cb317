package com.shopchat.learning;

import com.shopchat.nlu.model.LabeledText;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The NLU inbox and the stored intent model versions, in PostgreSQL. */
public final class LearningRepository {

  /** A queued shopper message and, once reviewed, the intent an admin gave it. */
  public record InboxItem(long id, String text, String locale, String intent, float confidence, JsonArray ranking,
                          String modelVersion, List<String> reasons, boolean unanswered, String status,
                          String reviewedIntent, OffsetDateTime reviewedAt, String gapEntryId,
                          OffsetDateTime createdAt, String chosenIntent) {

    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("text", text).put("locale", locale).put("intent", intent)
        .put("confidence", confidence).put("ranking", ranking).put("modelVersion", modelVersion)
        .put("reasons", new JsonArray(new ArrayList<>(reasons))).put("unanswered", unanswered).put("status", status)
        .put("reviewedIntent", reviewedIntent)
        .put("reviewedAt", reviewedAt == null ? null : reviewedAt.toInstant().toString())
        .put("createdAt", createdAt.toInstant().toString()).put("chosenIntent", chosenIntent);
    }
  }

  /** A stored model version. */
  public record ModelRecord(String version, String parent, String dir, String status, JsonObject metrics,
                            int examples, OffsetDateTime createdAt, OffsetDateTime promotedAt) {

    public JsonObject toJson() {
      return new JsonObject().put("version", version).put("parent", parent).put("status", status)
        .put("metrics", metrics).put("examples", examples).put("createdAt", createdAt.toInstant().toString())
        .put("promotedAt", promotedAt == null ? null : promotedAt.toInstant().toString());
    }
  }

  /** What the inbox stores of one turn. */
  public record Capture(String conversationId, int seq, String text, String locale, String intent, float confidence,
                        JsonArray ranking, String modelVersion, List<String> reasons, boolean unanswered) {}

  private final Pool pool;

  public LearningRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> capture(Capture c) {
    return pool.preparedQuery(LearningQueries.CAPTURE).execute(Tuple.of(c.conversationId(), c.seq(), c.text(),
        c.locale(), c.intent(), c.confidence(), c.ranking(), c.modelVersion())
      .addArrayOfString(c.reasons().toArray(String[]::new)).addBoolean(c.unanswered())).mapEmpty();
  }

  /** Records the intent a shopper tapped as what their message queued just before {@code seq} meant. */
  public Future<Void> chosen(String conversationId, int seq, String intent) {
    return pool.preparedQuery(LearningQueries.CHOSEN).execute(Tuple.of(conversationId, seq, intent)).mapEmpty();
  }

  public Future<List<InboxItem>> list(String status, int limit) {
    return pool.preparedQuery(LearningQueries.LIST).execute(Tuple.of(status, limit)).map(LearningRepository::items);
  }

  public Future<Long> count(String status) {
    return pool.preparedQuery(LearningQueries.COUNT).execute(Tuple.of(status))
      .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Records the admin's intent for the item; {@code null} when there is no such item. */
  public Future<InboxItem> review(long id, String intent, long staffId) {
    return pool.preparedQuery(LearningQueries.REVIEW).execute(Tuple.of(id, intent, staffId))
      .map(rows -> rows.size() == 0 ? null : item(rows.iterator().next()));
  }

  /** Every reviewed message as a training example, oldest first. */
  public Future<List<LabeledText>> reviewedExamples() {
    return pool.query(LearningQueries.REVIEWED_EXAMPLES).execute().map(rows -> {
      List<LabeledText> examples = new ArrayList<>(rows.size());
      rows.forEach(r -> examples.add(new LabeledText(r.getString(0), r.getString(1))));
      return examples;
    });
  }

  /** Unanswered messages not yet turned into a knowledge entry (nor reviewed as an intent the bot has). */
  public Future<List<InboxItem>> gapCandidates(int limit) {
    return pool.preparedQuery(LearningQueries.GAP_CANDIDATES).execute(Tuple.of(limit)).map(LearningRepository::items);
  }

  /** The named unanswered messages still free to become a knowledge entry. */
  public Future<List<InboxItem>> gapItems(List<Long> ids) {
    return pool.preparedQuery(LearningQueries.GAP_ITEMS).execute(Tuple.of(ids.toArray(Long[]::new)))
      .map(LearningRepository::items);
  }

  public Future<Void> markGap(List<Long> ids, String entryId) {
    return pool.preparedQuery(LearningQueries.MARK_GAP).execute(Tuple.of(ids.toArray(Long[]::new), entryId))
      .mapEmpty();
  }

  public Future<List<ModelRecord>> models() {
    return pool.query(LearningQueries.MODELS).execute().map(LearningRepository::models);
  }

  public Future<ModelRecord> model(String version) {
    return pool.preparedQuery(LearningQueries.MODEL).execute(Tuple.of(version)).map(rows -> first(models(rows)));
  }

  public Future<ModelRecord> serving() {
    return pool.query(LearningQueries.SERVING).execute().map(rows -> first(models(rows)));
  }

  public Future<ModelRecord> previous() {
    return pool.query(LearningQueries.PREVIOUS).execute().map(rows -> first(models(rows)));
  }

  /** Records the model found serving at start, unless another is recorded as serving. */
  public Future<Void> adopt(String version, String dir) {
    return pool.preparedQuery(LearningQueries.ADOPT).execute(Tuple.of(version, dir)).mapEmpty();
  }

  public Future<ModelRecord> addModel(String version, String parent, String dir, String status, JsonObject metrics,
                                      int examples) {
    return pool.preparedQuery(LearningQueries.ADD_CANDIDATE)
      .execute(Tuple.of(version, parent, dir, status, metrics, examples)).map(rows -> first(models(rows)));
  }

  /** Makes the version the serving one and retires the one before, in one transaction; {@code null}: no such. */
  public Future<ModelRecord> serve(String version) {
    return pool.withTransaction(tx -> tx.query(LearningQueries.RETIRE_SERVING).execute()
      .compose(v -> tx.preparedQuery(LearningQueries.SERVE).execute(Tuple.of(version)))
      .compose(rows -> rows.size() == 0 ? Future.failedFuture(new NoSuchModel(version))
        : Future.succeededFuture(first(models(rows))))).recover(e -> e instanceof NoSuchModel
          ? Future.succeededFuture(null) : Future.failedFuture(e));
  }

  private static final class NoSuchModel extends RuntimeException {
    NoSuchModel(String version) {
      super(version, null, false, false);
    }
  }

  private static <T> T first(List<T> list) {
    return list.isEmpty() ? null : list.get(0);
  }

  private static List<InboxItem> items(RowSet<Row> rows) {
    List<InboxItem> items = new ArrayList<>(rows.size());
    rows.forEach(r -> items.add(item(r)));
    return items;
  }

  private static InboxItem item(Row r) {
    Object ranking = r.getValue("ranking");
    return new InboxItem(r.getLong("id"), r.getString("text"), r.getString("locale"), r.getString("intent"),
      r.getFloat("confidence"), ranking instanceof JsonArray a ? a : new JsonArray(),
      r.getString("model_version"), List.of(r.getArrayOfStrings("reasons")), r.getBoolean("unanswered"),
      r.getString("status"), r.getString("reviewed_intent"), r.getOffsetDateTime("reviewed_at"),
      r.getString("gap_entry_id"), r.getOffsetDateTime("created_at"), r.getString("chosen_intent"));
  }

  private static List<ModelRecord> models(RowSet<Row> rows) {
    List<ModelRecord> models = new ArrayList<>(rows.size());
    rows.forEach(r -> models.add(new ModelRecord(r.getString("version"), r.getString("parent"), r.getString("dir"),
      r.getString("status"), r.getJsonObject("metrics"), r.getInteger("examples"), r.getOffsetDateTime("created_at"),
      r.getOffsetDateTime("promoted_at"))));
    return models;
  }
}
