package com.shopchat.store;

import com.shopchat.handoff.Handoff;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Handoffs, agents' presence, notes and satisfaction ratings in PostgreSQL (V9). */
public final class HandoffRepository {

  private final Pool pool;

  public HandoffRepository(Pool pool) {
    this.pool = pool;
  }

  /** A new queued handoff, or {@code null} when the conversation already has an active one. */
  public Future<Handoff> request(String conversationId, String reason, int priority, String locale, String topic) {
    return one(pool.preparedQuery(SqlQueries.REQUEST_HANDOFF)
      .execute(Tuple.of(conversationId, reason, priority, locale, topic)));
  }

  /** The conversation's queued or assigned handoff, or {@code null}. */
  public Future<Handoff> active(String conversationId) {
    return one(pool.preparedQuery(SqlQueries.ACTIVE_HANDOFF).execute(Tuple.of(conversationId)));
  }

  /** The conversation's most recent handoff in any state, or {@code null}. */
  public Future<Handoff> latest(String conversationId) {
    return one(pool.preparedQuery(SqlQueries.LATEST_HANDOFF).execute(Tuple.of(conversationId)));
  }

  /** The queue, first to be served first. */
  public Future<List<Handoff>> queue(int limit) {
    return all(pool.preparedQuery(SqlQueries.HANDOFF_QUEUE).execute(Tuple.of(limit)));
  }

  /** The chats the agent holds, oldest first. */
  public Future<List<Handoff>> heldBy(long agentId) {
    return all(pool.preparedQuery(SqlQueries.AGENT_HANDOFFS).execute(Tuple.of(agentId)));
  }

  /** 1 for the head of the queue; 0 when the handoff is not queued. */
  public Future<Integer> position(long handoffId) {
    return pool.preparedQuery(SqlQueries.QUEUE_POSITION).execute(Tuple.of(handoffId))
      .map(rows -> rows.iterator().next().getLong("n").intValue());
  }

  /** Mean recent wait for an agent in seconds, or {@code null} when nobody waited lately. */
  public Future<Double> recentWaitSeconds() {
    return pool.preparedQuery(SqlQueries.RECENT_WAIT).execute()
      .map(rows -> {
        Object seconds = rows.iterator().next().getValue("seconds");
        return seconds == null ? null : ((Number) seconds).doubleValue();
      });
  }

  public Future<Integer> agentsOnline(String locale) {
    return pool.preparedQuery(SqlQueries.AGENTS_ONLINE).execute(Tuple.of(locale))
      .map(rows -> rows.iterator().next().getLong("n").intValue());
  }

  /** The queued handoff, now the agent's; {@code null} when it was not queued (taken already, or none). */
  public Future<Handoff> claim(String conversationId, long agentId) {
    return one(pool.preparedQuery(SqlQueries.CLAIM_HANDOFF).execute(Tuple.of(conversationId, agentId)));
  }

  /** A handoff the agent starts in a conversation without one; {@code null} when it has one already. */
  public Future<Handoff> join(String conversationId, long agentId) {
    return one(pool.preparedQuery(SqlQueries.JOIN_HANDOFF).execute(Tuple.of(conversationId, agentId)));
  }

  /**
   * Ends the assigned handoff held by {@code agentId} ({@code null}: by anyone) with {@code how}; a hand-back
   * lets the bot answer again, a close closes the conversation. {@code null} when there was nothing to end.
   */
  public Future<Handoff> end(String conversationId, Long agentId, String how) {
    return pool.withTransaction(conn -> one(conn.preparedQuery(SqlQueries.END_HANDOFF)
      .execute(Tuple.of(conversationId, agentId, how)))
      .compose(ended -> ended == null ? Future.succeededFuture()
        : conn.preparedQuery(Handoff.CLOSED.equals(how) ? SqlQueries.CLOSE_CONVERSATION : SqlQueries.RESUME_BOT)
          .execute(Tuple.of(conversationId)).map(ended)));
  }

  /**
   * Gives queued handoffs, first to be served first, to the best online agents with room (one transaction under
   * a lock shared by every node); returns the handoffs assigned.
   */
  public Future<List<Handoff>> route() {
    return pool.withTransaction(conn -> conn.query(SqlQueries.ROUTING_LOCK).execute()
      .compose(v -> all(conn.preparedQuery(SqlQueries.HANDOFF_QUEUE).execute(Tuple.of(200))))
      .compose(queued -> assignEach(conn, queued, 0, new ArrayList<>())));
  }

  private static Future<List<Handoff>> assignEach(SqlConnection conn, List<Handoff> queued, int i,
                                                  List<Handoff> assigned) {
    if (i == queued.size()) {
      return Future.succeededFuture(assigned);
    }
    Handoff h = queued.get(i);
    return conn.preparedQuery(SqlQueries.PICK_AGENT).execute(Tuple.of(h.locale(), h.topic()))
      .compose(rows -> rows.size() == 0 ? Future.<Handoff>succeededFuture()
        : one(conn.preparedQuery(SqlQueries.ASSIGN_HANDOFF)
          .execute(Tuple.of(h.id(), rows.iterator().next().getLong("id")))))
      .compose(done -> {
        if (done != null) {
          assigned.add(done);
        }
        return assignEach(conn, queued, i + 1, assigned);
      });
  }

  /** The intents that always go to a person (V10), sorted. */
  public Future<List<String>> rules() {
    return pool.query(SqlQueries.HANDOFF_RULES).execute().map(rows -> {
      List<String> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(r.getString("intent")));
      return out;
    });
  }

  /** Replaces the intents that always go to a person, in one transaction, as {@code staffId} set them. */
  public Future<Void> replaceRules(List<String> intents, long staffId) {
    return pool.withTransaction(conn -> conn.query(SqlQueries.DELETE_HANDOFF_RULES).execute()
      .compose(v -> conn.preparedQuery(SqlQueries.INSERT_HANDOFF_RULES)
        .execute(Tuple.of(intents.toArray(String[]::new), staffId)))
      .mapEmpty());
  }

  /** Sets an agent's presence; false when the user is not an agent. */
  public Future<Boolean> presence(long agentId, String presence) {
    return pool.preparedQuery(SqlQueries.SET_PRESENCE).execute(Tuple.of(agentId, presence))
      .map(rows -> rows.rowCount() == 1);
  }

  /** Agents marked online and not set so in the last {@code seconds}. */
  public Future<List<Long>> staleOnline(int seconds) {
    return pool.preparedQuery(SqlQueries.STALE_ONLINE_AGENTS).execute(Tuple.of(seconds)).map(rows -> {
      List<Long> ids = new ArrayList<>(rows.size());
      rows.forEach(r -> ids.add(r.getLong(0)));
      return ids;
    });
  }

  /** Marks the agent offline unless set online in the last {@code seconds}; true when it did. */
  public Future<Boolean> offlineIfStale(long agentId, int seconds) {
    return pool.preparedQuery(SqlQueries.SET_OFFLINE_IF_STALE).execute(Tuple.of(agentId, seconds))
      .map(rows -> rows.rowCount() == 1);
  }

  /**
   * The agent as their console shows them: {@code id}, {@code name} (the one shoppers see), {@code presence},
   * {@code maxChats}, {@code languages}, {@code topics}; {@code null} when there is no such staff user.
   */
  public Future<JsonObject> agent(long agentId) {
    return pool.preparedQuery(SqlQueries.AGENT_PROFILE).execute(Tuple.of(agentId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name"))
        .put("presence", r.getString("presence")).put("maxChats", r.getInteger("max_chats"))
        .put("languages", new JsonArray(List.of(r.getArrayOfStrings("languages"))))
        .put("topics", new JsonArray(List.of(r.getArrayOfStrings("topics"))));
    });
  }

  /** The name the shop gave for the conversation's signed-in shopper, or {@code null} (anonymous, or no name). */
  public Future<String> shopperName(String conversationId) {
    return pool.preparedQuery(SqlQueries.SHOPPER_NAME).execute(Tuple.of(conversationId))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("name"));
  }

  /** Stores the email a waiting shopper left; false when the conversation is not waiting in the queue. */
  public Future<Boolean> contactEmail(String conversationId, String email) {
    return pool.preparedQuery(SqlQueries.SET_CONTACT_EMAIL).execute(Tuple.of(conversationId, email))
      .map(rows -> rows.size() == 1);
  }

  /**
   * Stores the rating of the conversation's last closed handoff when the conversation is the visitor's; false when
   * there is none, it is someone else's, or it is rated already.
   */
  public Future<Boolean> rate(String conversationId, String visitorId, int rating, String comment) {
    return pool.preparedQuery(SqlQueries.RATE_HANDOFF).execute(Tuple.of(conversationId, rating, comment, visitorId))
      .map(rows -> rows.size() == 1);
  }

  /** The visitor's chat closed by an agent within the hour and not rated yet, or {@code null}. */
  public Future<Handoff> unratedClosed(String visitorId) {
    return one(pool.preparedQuery(SqlQueries.UNRATED_CLOSED).execute(Tuple.of(visitorId)));
  }

  public Future<JsonObject> addNote(String conversationId, long staffId, String text) {
    return pool.preparedQuery(SqlQueries.INSERT_NOTE).execute(Tuple.of(conversationId, staffId, text))
      .map(rows -> note(rows.iterator().next()));
  }

  public Future<List<JsonObject>> notes(String conversationId) {
    return pool.preparedQuery(SqlQueries.LIST_NOTES).execute(Tuple.of(conversationId)).map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      rows.forEach(r -> out.add(note(r).put("author", r.getString("author"))));
      return out;
    });
  }

  private static JsonObject note(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("conversationId", r.getString("conversation_id"))
      .put("staffId", r.getLong("staff_id")).put("text", r.getString("text"))
      .put("at", r.getOffsetDateTime("created_at").toInstant().toString());
  }

  private static Future<Handoff> one(Future<RowSet<Row>> rows) {
    return rows.map(set -> set.size() == 0 ? null : toHandoff(set.iterator().next()));
  }

  private static Future<List<Handoff>> all(Future<RowSet<Row>> rows) {
    return rows.map(set -> {
      List<Handoff> out = new ArrayList<>(set.size());
      set.forEach(r -> out.add(toHandoff(r)));
      return out;
    });
  }

  static Handoff toHandoff(Row r) {
    return new Handoff(r.getLong("id"), r.getString("conversation_id"), r.getString("state"), r.getString("reason"),
      r.getInteger("priority"), r.getString("locale"), r.getString("topic"), r.getLong("agent_id"),
      r.getString("agent_name"), r.getString("contact_email"), r.getOffsetDateTime("requested_at"),
      r.getOffsetDateTime("assigned_at"), r.getOffsetDateTime("ended_at"), r.getString("ended_how"));
  }
}
