package com.shopchat.store;

import com.shopchat.kb.KnowledgeEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Knowledge entries in PostgreSQL, the system of record the Lucene index is rebuilt from. */
public final class KnowledgeRepository {

  private final Pool pool;

  public KnowledgeRepository(Pool pool) {
    this.pool = pool;
  }

  /** Every published entry: what shoppers may be answered with. */
  public Future<List<KnowledgeEntry>> published() {
    return pool.preparedQuery(SqlQueries.PUBLISHED_KNOWLEDGE).execute().map(rows -> {
      List<KnowledgeEntry> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(toEntry(r)));
      return out;
    });
  }

  public Future<Long> count() {
    return pool.query(SqlQueries.COUNT_KNOWLEDGE).execute().map(rows -> rows.iterator().next().getLong("n"));
  }

  /** Inserts entries that are not there yet (by id), as published. */
  public static Future<Void> insertAll(SqlClient client, List<KnowledgeEntry> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = entries.stream().map(e -> Tuple.of(e.id(), e.locale(), e.title(),
      new JsonArray(e.questions()), e.answer(), new JsonArray(e.tags()), e.category())).toList();
    return client.preparedQuery(SqlQueries.INSERT_KNOWLEDGE).executeBatch(batch).mapEmpty();
  }

  private static KnowledgeEntry toEntry(Row r) {
    return new KnowledgeEntry(r.getString("id"), r.getString("locale"), r.getString("title"),
      strings((JsonArray) r.getValue("questions")), r.getString("answer"), strings((JsonArray) r.getValue("tags")),
      r.getString("category"));
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }
}
