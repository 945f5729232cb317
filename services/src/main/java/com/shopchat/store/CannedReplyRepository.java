package com.shopchat.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Canned replies for the agent console in PostgreSQL (V11), as {@code {"id","locale","title","text",…}}. */
public final class CannedReplyRepository {

  private static final String SEED = "canned_replies";

  private final Pool pool;

  public CannedReplyRepository(Pool pool) {
    this.pool = pool;
  }

  /** Every reply, in the admins' order. */
  public Future<List<JsonObject>> list() {
    return pool.query(SqlQueries.LIST_CANNED).execute().map(CannedReplyRepository::replies);
  }

  /**
   * The first time only (per database): stores these replies, in this order. Returns how many were stored (0 when
   * seeded before, even if admins have deleted every reply since).
   */
  public Future<Integer> seedOnce(JsonArray replies) {
    return pool.withTransaction(conn -> conn.preparedQuery(SqlQueries.MARK_SEEDED).execute(Tuple.of(SEED))
      .compose(marked -> {
        if (marked.size() == 0) {
          return Future.succeededFuture(0);
        }
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < replies.size(); i++) {
          JsonObject r = replies.getJsonObject(i);
          rows.add(Tuple.of(r.getString("id"), r.getString("locale"), r.getString("title"), r.getString("text"),
            i / 2 + 1, null));
        }
        return rows.isEmpty() ? Future.succeededFuture(0)
          : conn.preparedQuery(SqlQueries.INSERT_CANNED).executeBatch(rows).map(done -> rows.size());
      }));
  }

  /** A new reply, after the others (or beside its other language); {@code null} when it exists already. */
  public Future<JsonObject> create(String id, String locale, String title, String text, long staffId) {
    return pool.withTransaction(conn -> conn.preparedQuery(SqlQueries.CANNED_POSITION)
      .execute(Tuple.of(id))
      .compose(sibling -> conn.preparedQuery(SqlQueries.INSERT_CANNED).execute(Tuple.of(id, locale, title, text,
        sibling.size() == 0 ? null : sibling.iterator().next().getInteger("position"), staffId))))
      .map(CannedReplyRepository::one);
  }

  /** The reply's new title and text; {@code null} when there is no such reply. */
  public Future<JsonObject> update(String id, String locale, String title, String text, long staffId) {
    return pool.preparedQuery(SqlQueries.UPDATE_CANNED).execute(Tuple.of(id, locale, title, text, staffId))
      .map(CannedReplyRepository::one);
  }

  /** Deletes the reply in that language; false when there was none. */
  public Future<Boolean> delete(String id, String locale) {
    return pool.preparedQuery(SqlQueries.DELETE_CANNED).execute(Tuple.of(id, locale)).map(rows -> rows.size() == 1);
  }

  private static JsonObject one(RowSet<Row> rows) {
    return rows.size() == 0 ? null : reply(rows.iterator().next());
  }

  private static List<JsonObject> replies(RowSet<Row> rows) {
    List<JsonObject> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(reply(r)));
    return out;
  }

  private static JsonObject reply(Row r) {
    return new JsonObject().put("id", r.getString("id")).put("locale", r.getString("locale"))
      .put("title", r.getString("title")).put("text", r.getString("text")).put("position", r.getInteger("position"))
      .put("updatedAt", r.getOffsetDateTime("updated_at").withOffsetSameInstant(ZoneOffset.UTC).toString());
  }
}
