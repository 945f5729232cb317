package com.shopchat.events;

import com.shopchat.recommend.BehaviourEvent;
import com.shopchat.recommend.EventType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Behaviour events in PostgreSQL: stores validated batches once per event id, and reads a shopper's recent
 * history (for profiles) or everything since a time (for the recommender's training).
 */
public final class EventStore {

  /** The most rows {@link #allSince} hands back in one call. */
  public static final int MAX_SINCE_ROWS = 1_000_000;

  private final Pool pool;

  public EventStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * Stores the events in one statement; an id stored before, or repeated in the list, is not stored again
   * (the first in the list wins).
   */
  public Future<IngestResult> ingest(List<BehaviourEvent> events, EventSource source) {
    Map<String, BehaviourEvent> unique = new LinkedHashMap<>();
    events.forEach(e -> unique.putIfAbsent(e.eventId(), e));
    if (unique.isEmpty()) {
      return Future.succeededFuture(new IngestResult(0, events.size()));
    }
    return pool.preparedQuery(EventQueries.INSERT_BATCH).execute(batchTuple(List.copyOf(unique.values()), source))
      .map(rows -> new IngestResult(rows.rowCount(), events.size() - rows.rowCount()));
  }

  /**
   * Records what the shopper asked the bot for as a {@code search} event from the chat. {@code query} is a
   * summary of the entities understood ({@link ChatSearches#summary}), never the message itself; the id is
   * derived from the message, so a retried turn is not counted twice.
   */
  public Future<IngestResult> recordChatSearch(String conversationId, int seq, String visitorId, String shopperId,
                                              String query, Instant at) {
    BehaviourEvent event = new BehaviourEvent("chat:" + conversationId + ":" + seq, EventType.SEARCH, visitorId,
      shopperId, List.of(), at, query, null, null, null);
    return ingest(List.of(event), EventSource.CHAT);
  }

  /** The newest {@code limit} events whose {@link BehaviourEvent#userKey()} is {@code userKey}, newest first. */
  public Future<List<BehaviourEvent>> recent(String userKey, int limit) {
    return pool.preparedQuery(EventQueries.RECENT).execute(Tuple.of(userKey, limit)).map(EventStore::events);
  }

  /**
   * Events that happened at or after {@code since}, oldest first and newest last; when there are more than
   * {@code maxRows} (at most {@link #MAX_SINCE_ROWS}), the newest of them.
   */
  public Future<List<BehaviourEvent>> allSince(Instant since, int maxRows) {
    if (maxRows < 1 || maxRows > MAX_SINCE_ROWS) {
      return Future.failedFuture(new IllegalArgumentException("maxRows must be 1 to " + MAX_SINCE_ROWS));
    }
    return pool.preparedQuery(EventQueries.SINCE).execute(Tuple.of(since.atOffset(ZoneOffset.UTC), maxRows))
      .map(rows -> {
        List<BehaviourEvent> events = events(rows);
        Collections.reverse(events);
        return events;
      });
  }

  private static Tuple batchTuple(List<BehaviourEvent> events, EventSource source) {
    int n = events.size();
    String[] ids = new String[n];
    String[] types = new String[n];
    String[] visitors = new String[n];
    String[] shoppers = new String[n];
    String[] skus = new String[n];
    OffsetDateTime[] at = new OffsetDateTime[n];
    String[] queries = new String[n];
    Short[] ratings = new Short[n];
    Long[] prices = new Long[n];
    String[] impressions = new String[n];
    String[] coupons = new String[n];
    for (int i = 0; i < n; i++) {
      BehaviourEvent e = events.get(i);
      ids[i] = e.eventId();
      types[i] = e.type().wire();
      visitors[i] = e.visitorId();
      shoppers[i] = e.shopperId();
      skus[i] = new JsonArray(new ArrayList<>(e.skus())).encode();
      at[i] = e.at().atOffset(ZoneOffset.UTC);
      queries[i] = e.query();
      ratings[i] = e.rating() == null ? null : e.rating().shortValue();
      prices[i] = e.priceCents();
      impressions[i] = e.impressionId();
      coupons[i] = e.coupon();
    }
    return Tuple.tuple().addArrayOfString(ids).addArrayOfString(types).addArrayOfString(visitors)
      .addArrayOfString(shoppers).addArrayOfString(skus).addArrayOfOffsetDateTime(at).addArrayOfString(queries)
      .addArrayOfShort(ratings).addArrayOfLong(prices).addArrayOfString(impressions).addString(source.column())
      .addArrayOfString(coupons);
  }

  private static List<BehaviourEvent> events(RowSet<Row> rows) {
    List<BehaviourEvent> events = new ArrayList<>(rows.size());
    rows.forEach(row -> events.add(event(row)));
    return events;
  }

  static BehaviourEvent event(Row row) {
    Short rating = row.getShort("rating");
    return new BehaviourEvent(row.getString("event_id"),
      EventType.fromWire(row.getString("type")).orElseThrow(), row.getString("visitor_id"),
      row.getString("shopper_id"), Arrays.asList(row.getArrayOfStrings("skus")),
      row.getOffsetDateTime("occurred_at").toInstant(), row.getString("query"),
      rating == null ? null : rating.intValue(), row.getLong("price_cents"), row.getString("impression_id"));
  }
}
