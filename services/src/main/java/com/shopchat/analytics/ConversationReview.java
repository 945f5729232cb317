package com.shopchat.analytics;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;

/**
 * Conversation review: searching conversations by text, intent, outcome, rating and period, and one
 * conversation's whole transcript with what the bot decided on each of its turns (intent, confidence, flow, model
 * version, latency, entities, knowledge sources), its handoffs and ratings.
 */
public final class ConversationReview {

  /** What a search may ask for besides the period and filters. */
  public record Search(AnalyticsFilter filter, String text, String intent, String outcome, Integer rating,
    int limit) {}

  private final Pool pool;

  public ConversationReview(Pool pool) {
    this.pool = pool;
  }

  /** The conversations matching a search, newest first. */
  public Future<JsonArray> search(Search s) {
    AnalyticsFilter f = s.filter();
    Tuple params = Tuple.of(f.start(), f.end(), f.locale(), f.channel(), s.text(), s.intent(), s.outcome())
      .addValue(s.rating()).addValue(s.limit());
    return pool.preparedQuery(AnalyticsQueries.SEARCH).execute(params).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject().put("id", r.getString("id")).put("locale", r.getString("locale"))
          .put("channel", r.getString("channel")).put("status", r.getString("status"))
          .put("startedAt", text(r.getOffsetDateTime("created_at")))
          .put("updatedAt", text(r.getOffsetDateTime("updated_at"))).put("messages", r.getLong("messages"))
          .put("outcome", r.getBoolean("handed_off") ? "handed_off" : "contained")
          .put("rating", r.getValue("rating") == null ? null : r.getInteger("rating"))
          .put("firstMessage", r.getString("first_message")));
      }
      return out;
    });
  }

  /** One conversation with its transcript, handoffs and ratings; null when there is none with that id. */
  public Future<JsonObject> transcript(String id) {
    Tuple one = Tuple.of(id);
    var conversation = pool.preparedQuery(AnalyticsQueries.CONVERSATION).execute(one);
    var messages = pool.preparedQuery(AnalyticsQueries.TRANSCRIPT).execute(one);
    var handoffs = pool.preparedQuery(AnalyticsQueries.HANDOFFS_OF).execute(one);
    var ratings = pool.preparedQuery(AnalyticsQueries.RATINGS_OF).execute(one);
    return Future.all(conversation, messages, handoffs, ratings).map(all -> {
      if (conversation.result().size() == 0) {
        return null;
      }
      Row c = conversation.result().iterator().next();
      JsonArray turns = new JsonArray();
      messages.result().forEach(m -> turns.add(message(m)));
      JsonArray handed = new JsonArray();
      handoffs.result().forEach(h -> handed.add(new JsonObject().put("id", h.getLong("id"))
        .put("state", h.getString("state")).put("reason", h.getString("reason")).put("topic", h.getString("topic"))
        .put("requestedAt", text(h.getOffsetDateTime("requested_at")))
        .put("assignedAt", text(h.getOffsetDateTime("assigned_at")))
        .put("endedAt", text(h.getOffsetDateTime("ended_at"))).put("endedHow", h.getString("ended_how"))));
      JsonArray rated = new JsonArray();
      ratings.result().forEach(r -> rated.add(new JsonObject().put("rating", r.getInteger("rating"))
        .put("comment", r.getString("comment")).put("ratedAt", text(r.getOffsetDateTime("rated_at")))));
      return new JsonObject().put("id", c.getString("id")).put("visitorId", c.getString("visitor_id"))
        .put("shopperId", c.getString("shopper_id")).put("locale", c.getString("locale"))
        .put("channel", c.getString("channel")).put("status", c.getString("status"))
        .put("startedAt", text(c.getOffsetDateTime("created_at")))
        .put("updatedAt", text(c.getOffsetDateTime("updated_at")))
        .put("outcome", handed.isEmpty() ? "contained" : "handed_off")
        .put("messages", turns).put("handoffs", handed).put("ratings", rated);
    });
  }

  private static JsonObject message(Row m) {
    JsonObject out = new JsonObject().put("seq", m.getInteger("seq")).put("sender", m.getString("sender"))
      .put("text", m.getString("text")).put("at", text(m.getOffsetDateTime("created_at")));
    if ("bot".equals(m.getString("sender"))) {
      Object sources = m.getValue("sources");
      out.put("replyTo", m.getInteger("reply_to_seq")).put("intent", m.getString("intent"))
        .put("confidence", m.getValue("confidence") == null ? null : m.getFloat("confidence").doubleValue())
        .put("flow", m.getString("flow")).put("modelVersion", m.getString("nlu_model_version"))
        .put("latencyMs", m.getInteger("latency_ms")).put("entities", m.getValue("entities"))
        .put("sources", sources instanceof JsonArray a ? a : new JsonArray());
    }
    return out;
  }

  private static String text(OffsetDateTime at) {
    return at == null ? null : at.toInstant().toString();
  }
}
