package com.shopchat.store;

import com.shopchat.kb.KnowledgeEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Knowledge entries as the admin API edits them. Every change is one statement that updates the entry and
 * appends the revision it became (see {@link SqlQueries}); a change that finds nothing to change completes with
 * {@code null}, and the caller tells the admin why.
 */
public final class KnowledgeEditRepository {

  /** Filters of the admin list; {@code null} means any. {@code text} matches id, title, questions or answer. */
  public record Filter(String text, String status, String locale, String tag, int limit, int offset) {}

  /** One page of the list and how many entries match in all. */
  public record Page(List<KnowledgeRecord> entries, long total) {}

  /** A row of an import: the entry and the status it gets. */
  public record Imported(KnowledgeEntry entry, String status) {}

  private final Pool pool;

  public KnowledgeEditRepository(Pool pool) {
    this.pool = pool;
  }

  /** A new entry with this status, as revision 1; {@code null} when the id is taken. */
  public Future<KnowledgeRecord> create(KnowledgeEntry entry, String status, long staffId) {
    return one(pool.preparedQuery(SqlQueries.CREATE_KNOWLEDGE)
      .execute(fields(entry).addString(status).addString("create").addLong(staffId)));
  }

  /**
   * New fields for the entry; its status stays. {@code expected}: the revisions the change may be made from
   * ({@code null}: any). {@code null}: no such entry, or it is at another revision.
   */
  public Future<KnowledgeRecord> update(KnowledgeEntry entry, long staffId, List<Integer> expected) {
    return one(pool.preparedQuery(SqlQueries.UPDATE_KNOWLEDGE)
      .execute(fields(entry).addString("update").addLong(staffId).addArrayOfInteger(revisions(expected))));
  }

  /**
   * Publishes or archives, from one of the {@code expected} revisions ({@code null}: any). {@code null}: no such
   * entry, it has that status already, or it is at another revision.
   */
  public Future<KnowledgeRecord> setStatus(String id, String status, String action, long staffId,
                                           List<Integer> expected) {
    return one(pool.preparedQuery(SqlQueries.SET_KNOWLEDGE_STATUS)
      .execute(Tuple.of(id, status, action, staffId).addArrayOfInteger(revisions(expected))));
  }

  /**
   * Brings back the fields of revision {@code revision} as a new revision, from one of the {@code expected}
   * revisions ({@code null}: any). {@code null}: no such entry or revision, or the entry is at another revision.
   */
  public Future<KnowledgeRecord> rollback(String id, int revision, long staffId, List<Integer> expected) {
    return one(pool.preparedQuery(SqlQueries.ROLLBACK_KNOWLEDGE)
      .execute(Tuple.of(id, revision, "rollback", staffId).addArrayOfInteger(revisions(expected))));
  }

  /** Creates or overwrites every row in one transaction: all of them are stored, or none. */
  public Future<List<KnowledgeRecord>> importAll(List<Imported> rows, long staffId) {
    if (rows.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Tuple> batch = rows.stream()
      .map(r -> fields(r.entry()).addString(r.status()).addString("import").addLong(staffId)).toList();
    return pool.withTransaction(conn -> conn.preparedQuery(SqlQueries.IMPORT_KNOWLEDGE).executeBatch(batch))
      .map(KnowledgeEditRepository::allOfBatch);
  }

  /** The entry with this id in any status, or {@code null}. */
  public Future<KnowledgeRecord> find(String id) {
    return one(pool.preparedQuery(SqlQueries.FIND_KNOWLEDGE).execute(Tuple.of(id)));
  }

  /** The entry's history, newest first. */
  public Future<List<KnowledgeRevision>> revisions(String id) {
    return pool.preparedQuery(SqlQueries.KNOWLEDGE_REVISIONS).execute(Tuple.of(id)).map(rows -> {
      List<KnowledgeRevision> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(new KnowledgeRevision(r.getInteger("revision"), toEntry(id, r), r.getString("status"),
        r.getString("action"), r.getString("staff_email"), r.getOffsetDateTime("created_at"))));
      return out;
    });
  }

  /** A page of entries in any status, most recently changed first. */
  public Future<Page> list(Filter filter) {
    String pattern = filter.text() == null ? null : "%" + likeEscaped(filter.text()) + "%";
    Tuple where = Tuple.of(filter.status(), filter.locale(), filter.tag(), pattern);
    Future<RowSet<Row>> page = pool.preparedQuery(SqlQueries.LIST_KNOWLEDGE)
      .execute(Tuple.of(filter.status(), filter.locale(), filter.tag(), pattern, filter.limit(), filter.offset()));
    Future<RowSet<Row>> count = pool.preparedQuery(SqlQueries.COUNT_KNOWLEDGE_FILTERED).execute(where);
    return Future.all(page, count).map(all -> new Page(records(page.result()),
      count.result().iterator().next().getLong("n")));
  }

  /** Every entry in any status, by id: the export. */
  public Future<List<KnowledgeRecord>> all() {
    return pool.preparedQuery(SqlQueries.ALL_KNOWLEDGE).execute().map(KnowledgeEditRepository::records);
  }

  private static Integer[] revisions(List<Integer> expected) {
    return expected == null ? null : expected.toArray(Integer[]::new);
  }

  private static Future<KnowledgeRecord> one(Future<RowSet<Row>> rows) {
    return rows.map(set -> set.size() == 0 ? null : toRecord(set.iterator().next()));
  }

  private static List<KnowledgeRecord> records(RowSet<Row> rows) {
    List<KnowledgeRecord> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(toRecord(r)));
    return out;
  }

  /** A batch answers with one row set per tuple, chained by {@code next()}. */
  private static List<KnowledgeRecord> allOfBatch(RowSet<Row> first) {
    List<KnowledgeRecord> out = new ArrayList<>();
    for (RowSet<Row> rows = first; rows != null; rows = rows.next()) {
      rows.forEach(r -> out.add(toRecord(r)));
    }
    return out;
  }

  private static Tuple fields(KnowledgeEntry e) {
    return Tuple.of(e.id(), e.locale(), e.title(), new JsonArray(e.questions()), e.answer(), new JsonArray(e.tags()),
      e.category());
  }

  private static KnowledgeRecord toRecord(Row r) {
    return new KnowledgeRecord(toEntry(r.getString("id"), r), r.getString("status"), r.getInteger("revision"),
      r.getOffsetDateTime("updated_at"));
  }

  private static KnowledgeEntry toEntry(String id, Row r) {
    return new KnowledgeEntry(id, r.getString("locale"), r.getString("title"), strings(r.getJsonArray("questions")),
      r.getString("answer"), strings(r.getJsonArray("tags")), r.getString("category"));
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }

  /** The text with LIKE's wildcards and its escape character taken literally. */
  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
