package com.shopchat.store;

import com.shopchat.conversation.Appended;
import com.shopchat.conversation.BotTurnRecord;
import com.shopchat.conversation.ChatMessage;
import com.shopchat.conversation.Conversation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

/** Visitors, conversations and their messages in PostgreSQL. */
public final class ConversationRepository {

  private final Pool pool;

  public ConversationRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Records the visitor's visit; a verified shopper (else {@code null}) becomes the visitor's linked shopper and,
   * in the same transaction, the owner of the visitor's anonymous behaviour events.
   */
  public Future<Void> touchVisitor(String visitorId, String locale, String shopperId) {
    if (shopperId == null) {
      return pool.preparedQuery(SqlQueries.UPSERT_VISITOR).execute(Tuple.of(visitorId, locale, null)).mapEmpty();
    }
    return pool.withTransaction(conn -> conn.preparedQuery(SqlQueries.UPSERT_VISITOR)
      .execute(Tuple.of(visitorId, locale, shopperId))
      .compose(v -> conn.preparedQuery(SqlQueries.MERGE_VISITOR_EVENTS).execute(Tuple.of(visitorId, shopperId)))
      .mapEmpty());
  }

  /** The conversation, or {@code null} when there is none with that id. */
  public Future<Conversation> find(String id) {
    return pool.preparedQuery(SqlQueries.FIND_CONVERSATION).execute(Tuple.of(id)).map(ConversationRepository::firstConversation);
  }

  /**
   * The conversation as a bot turn starts, with whether a handoff is active (queued or assigned): what a turn reads
   * before anything else, in one round trip instead of two. {@code null} when there is no such conversation.
   */
  public Future<TurnStart> forTurn(String id) {
    return pool.preparedQuery(SqlQueries.CONVERSATION_FOR_TURN).execute(Tuple.of(id)).map(rows -> {
      Conversation c = firstConversation(rows);
      return c == null ? null : new TurnStart(c, rows.iterator().next().getBoolean("in_handoff"));
    });
  }

  /** What a bot turn starts from: the conversation, and whether a person is asked for or holds it. */
  public record TurnStart(Conversation conversation, boolean inHandoff) {}

  /**
   * The visitor's most recently active conversation that is not closed and that this shopper may resume
   * (anonymous ones for an anonymous hello), or {@code null}.
   */
  public Future<Conversation> latestOpen(String visitorId, String shopperId) {
    return pool.preparedQuery(SqlQueries.LATEST_OPEN_CONVERSATION).execute(Tuple.of(visitorId, shopperId))
      .map(ConversationRepository::firstConversation);
  }

  /** A new conversation, bound to the verified shopper or anonymous ({@code null}). */
  public Future<Conversation> create(String visitorId, String locale, String shopperId) {
    String id = "c-" + UUID.randomUUID();
    return pool.preparedQuery(SqlQueries.INSERT_CONVERSATION).execute(Tuple.of(id, visitorId, locale, shopperId))
      .map(ConversationRepository::firstConversation);
  }

  /**
   * Resumes the conversation in this locale when this visitor, as this shopper ({@code null}: anonymous), may:
   * see {@link SqlQueries#RESUME_CONVERSATION} for the rule. An anonymous conversation resumed by a verified
   * shopper is bound to them. {@code null} when it may not be resumed.
   */
  public Future<Conversation> resume(String conversationId, String visitorId, String locale, String shopperId) {
    return pool.preparedQuery(SqlQueries.RESUME_CONVERSATION)
      .execute(Tuple.of(conversationId, visitorId, locale, shopperId))
      .map(ConversationRepository::firstConversation);
  }

  /**
   * Stores a shopper message under the next seq, unless a message with the same client id is already
   * stored, in which case that one is returned as a duplicate and nothing changes. One statement, so one round trip
   * and one commit (see {@link SqlQueries#APPEND_SHOPPER_MESSAGE}).
   */
  public Future<Appended> appendShopperMessage(String conversationId, String clientMsgId, String text, JsonObject extras) {
    JsonObject payload = extras == null ? new JsonObject() : extras;
    return pool.preparedQuery(SqlQueries.APPEND_SHOPPER_MESSAGE)
      .execute(Tuple.of(conversationId, clientMsgId, text, payload))
      .compose(rows -> rows.size() > 0 ? Future.succeededFuture(new Appended(toMessage(rows.iterator().next()), false))
          : storedShopperMessage(conversationId, clientMsgId),
        failure -> duplicateKey(failure) ? storedShopperMessage(conversationId, clientMsgId)
          : Future.failedFuture(failure));
  }

  /** The message already stored under that client id, as a duplicate; else there is no such conversation. */
  private Future<Appended> storedShopperMessage(String conversationId, String clientMsgId) {
    return pool.preparedQuery(SqlQueries.FIND_BY_CLIENT_MSG_ID).execute(Tuple.of(conversationId, clientMsgId))
      .compose(rows -> rows.size() > 0 ? Future.succeededFuture(new Appended(toMessage(rows.iterator().next()), true))
        : Future.failedFuture(new IllegalArgumentException("no conversation " + conversationId)));
  }

  /**
   * Stores the bot's answer to one shopper message together with its turn record and the new dialogue state, in one
   * statement. Idempotent: when that message already has an answer, the stored answer is returned as a duplicate
   * and the state is kept.
   */
  public Future<Appended> appendBotReply(String conversationId, BotTurnRecord turn) {
    Tuple row = Tuple.of(conversationId, turn.replyTo(), turn.text(), turn.intent(), turn.confidence(), turn.extras())
      .addValue(turn.modelVersion()).addValue(turn.entities()).addValue(turn.flow()).addValue(turn.state())
      .addValue(turn.status()).addValue(turn.latencyMillis());
    return pool.preparedQuery(SqlQueries.APPEND_BOT_REPLY).execute(row)
      .compose(rows -> rows.size() > 0 ? Future.succeededFuture(new Appended(toMessage(rows.iterator().next()), false))
          : storedBotReply(conversationId, turn.replyTo()),
        failure -> duplicateKey(failure) ? storedBotReply(conversationId, turn.replyTo())
          : Future.failedFuture(failure));
  }

  private Future<Appended> storedBotReply(String conversationId, int shopperSeq) {
    return findBotReply(conversationId, shopperSeq).compose(reply -> reply != null
      ? Future.succeededFuture(new Appended(reply, true))
      : Future.failedFuture(new IllegalArgumentException("no conversation " + conversationId)));
  }

  /** A unique key refused the row: a concurrent twin was stored first. */
  private static boolean duplicateKey(Throwable failure) {
    return failure instanceof PgException pg && "23505".equals(pg.getSqlState());
  }

  /** Refused: the agent does not hold the conversation (nobody handed it to them, or it ended). */
  public static final class NotHolder extends RuntimeException {
    public NotHolder(String conversationId) {
      super("you do not hold conversation " + conversationId + "; claim it first");
    }
  }

  /**
   * Stores an agent's message under the next seq when the agent holds the conversation (checked under the same
   * row lock, so a hand-back cannot slip in between), once per client id: a resend returns the stored message as
   * a duplicate. Fails with {@link NotHolder} otherwise.
   */
  public Future<Appended> appendAgentMessage(String conversationId, long staffId, String clientMsgId, String text,
                                             JsonObject extras) {
    return pool.withTransaction(conn -> lock(conn, conversationId)
      .compose(v -> conn.preparedQuery(SqlQueries.HOLDS_CONVERSATION).execute(Tuple.of(conversationId, staffId)))
      .compose(held -> held.size() == 0 ? Future.failedFuture(new NotHolder(conversationId))
        : conn.preparedQuery(SqlQueries.FIND_BY_CLIENT_MSG_ID).execute(Tuple.of(conversationId, clientMsgId)))
      .compose(existing -> {
        if (existing.size() > 0) {
          ChatMessage stored = toMessage(existing.iterator().next());
          return stored.from().equals(ChatMessage.AGENT) ? Future.succeededFuture(new Appended(stored, true))
            : Future.failedFuture(new IllegalArgumentException("clientMsgId " + clientMsgId + " is taken"));
        }
        return insert(conn, conversationId, seq -> Tuple.of(conversationId, seq, ChatMessage.AGENT, text, clientMsgId)
          .addValue(null).addValue(null).addValue(null).addValue(extras == null ? new JsonObject() : extras))
          .compose(m -> conn.preparedQuery(SqlQueries.SET_MESSAGE_STAFF).execute(Tuple.of(conversationId, m.seq(),
            staffId)).map(new Appended(m, false)));
      }));
  }

  /** The bot's stored answer to the shopper message with that seq, or {@code null}. */
  public Future<ChatMessage> findBotReply(String conversationId, int shopperSeq) {
    return pool.preparedQuery(SqlQueries.FIND_BOT_REPLY).execute(Tuple.of(conversationId, shopperSeq))
      .map(rows -> rows.size() == 0 ? null : toMessage(rows.iterator().next()));
  }

  /** Messages with {@code seq > afterSeq}, oldest first, at most {@code limit}. */
  public Future<List<ChatMessage>> messagesAfter(String conversationId, int afterSeq, int limit) {
    return pool.preparedQuery(SqlQueries.MESSAGES_AFTER).execute(Tuple.of(conversationId, afterSeq, limit))
      .map(rows -> {
        List<ChatMessage> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(toMessage(r)));
        return out;
      });
  }

  /**
   * The shopper's messages of the last day that no bot answer names ({@code reply_to_seq}), after the
   * conversation's last agent message and its last handoff, oldest first, at most {@code limit}.
   */
  public Future<List<ChatMessage>> unansweredShopperMessages(String conversationId, int limit) {
    return pool.preparedQuery(SqlQueries.UNANSWERED_SHOPPER_MESSAGES).execute(Tuple.of(conversationId, limit))
      .map(rows -> {
        List<ChatMessage> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(toMessage(r)));
        return out;
      });
  }

  public Future<Long> countMessages(String conversationId) {
    return pool.preparedQuery(SqlQueries.COUNT_MESSAGES).execute(Tuple.of(conversationId))
      .map(rows -> rows.iterator().next().getLong("n"));
  }

  private static Future<Void> lock(SqlConnection conn, String conversationId) {
    return conn.preparedQuery(SqlQueries.LOCK_CONVERSATION).execute(Tuple.of(conversationId))
      .compose(rows -> rows.size() == 0
        ? Future.failedFuture(new IllegalArgumentException("no conversation " + conversationId))
        : Future.succeededFuture());
  }

  /** Inserts the row built for the next seq of the locked conversation. */
  private static Future<ChatMessage> insert(SqlConnection conn, String conversationId, IntFunction<Tuple> rowForSeq) {
    return conn.preparedQuery(SqlQueries.BUMP_SEQ).execute(Tuple.of(conversationId))
      .compose(seq -> conn.preparedQuery(SqlQueries.INSERT_MESSAGE)
        .execute(rowForSeq.apply(seq.iterator().next().getInteger("last_seq"))))
      .map(rows -> toMessage(rows.iterator().next()));
  }

  private static Conversation firstConversation(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row r = rows.iterator().next();
    return new Conversation(r.getString("id"), r.getString("visitor_id"), r.getString("status"),
      r.getString("locale"), r.getInteger("last_seq"), (JsonObject) r.getValue("state"), r.getString("shopper_id"));
  }

  private static ChatMessage toMessage(Row r) {
    return new ChatMessage(r.getString("conversation_id"), r.getInteger("seq"), r.getString("sender"),
      r.getString("text"), r.getString("client_msg_id"), r.getInteger("reply_to_seq"), r.getString("intent"),
      r.getFloat("confidence"), (JsonObject) r.getValue("payload"), r.getOffsetDateTime("created_at"));
  }
}
